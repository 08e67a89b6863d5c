// The notebook's djmodel: one LSTM cell (hidden size n_a) applied at every step with shared
// weights, and a shared Dense + softmax over the vocabulary. Weights are laid out as Keras keeps
// them (one bias per gate, gates in the order i, f, c, o), which gives exactly 45,530
// parameters for 90 values and n_a = 64. Plain floats: inference needs no libtorch; training
// (Trainer) maps these buffers into libtorch tensors.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace jazz::model {

struct ModelConfig {
    int nValues = 90; // vocabulary size (input and output width)
    int nA = 64;      // hidden state size (the notebook's n_a)
    int tx = 30;      // training window length (the notebook's Tx)
    int nCond = 0;    // extra inputs per step (the chord-aware model: dataset::kConditionWidth)
    bool operator==(const ModelConfig&) const = default;
};

struct LstmModel {
    ModelConfig config;
    std::vector<float> kernel;    // nValues x 4nA, row r = the gates' input weights of value r
    std::vector<float> recurrent; // nA x 4nA
    std::vector<float> bias;      // 4nA
    std::vector<float> dense;     // nA x nValues
    std::vector<float> denseBias; // nValues
    std::vector<float> condKernel; // nCond x 4nA: the gates' weights of the step conditions

    // Keras's initializers: Glorot-uniform kernels, orthogonal recurrent weights, zero biases
    // with the forget gate's bias at 1 (unit_forget_bias). Deterministic for a seed; the
    // condition weights are drawn last, so the notebook's model draws the same numbers.
    static LstmModel initialized(const ModelConfig& config, uint32_t seed);

    int64_t parameterCount() const;
    bool sameShapeAs(const LstmModel& o) const { return config == o.config; }
};

// One step of inference state.
struct LstmState {
    std::vector<float> h, c;
    explicit LstmState(int nA = 0) : h(size_t(nA), 0.f), c(size_t(nA), 0.f) {}
};

// Advances one step from input value `x` (-1: the zero vector) and, for a chord-aware model,
// the step's nCond condition features, and writes the softmax over the vocabulary to
// `probabilities`.
void step(const LstmModel& m, int x, LstmState& state, std::vector<float>& probabilities,
          const float* conditions = nullptr);

} // namespace jazz::model
