// The training math of the shared-weight LSTM, fused by hand: one call runs a batch's forward
// pass over all Tx steps, the loss, and the whole backward pass. Plain loops over float
// buffers, compiled for AVX-512, AVX2 and baseline x86-64 and picked at load time; no
// per-operation framework overhead, which dominates at this model's size.
#pragma once

#include <cstdint>
#include <vector>

namespace jazz::model {

struct LstmShape {
    int B = 0;  // batch
    int T = 0;  // steps
    int nA = 0; // hidden size
    int nV = 0; // vocabulary
    int nC = 0; // condition features per step (0: the notebook's model)
};

// Parameter and gradient buffers in the LstmModel layout.
struct LstmTensors {
    float* kernel;    // nV x 4nA
    float* recurrent; // nA x 4nA
    float* bias;      // 4nA
    float* dense;     // nA x nV
    float* denseBias; // nV
    float* condKernel; // nC x 4nA (unused when nC is 0)
};

// Dropout on the LSTM's output before the Dense layer (training only): each hidden value is
// zeroed with probability `rate` and the rest scaled by 1 / (1 - rate), the mask drawn from
// `seed`.
struct DropoutSpec {
    float rate = 0;
    uint64_t seed = 0;
};

class LstmWorkspace {
public:
    explicit LstmWorkspace(const LstmShape& s);
    // Inputs x and targets y, both B x T (-1: the zero vector, no target). Returns the loss
    // (sum over steps of the batch-mean cross-entropy, probabilities clipped to [1e-7, 1-1e-7]
    // as Keras does) and adds the number of targets and correct argmaxes. If grads is non-null
    // the gradients of that loss are written there (overwritten, not accumulated). When these
    // B rows are part of a larger batch, batchTotal is that batch's size (the mean's divisor):
    // the parts' losses and gradients then add up to the whole batch's.
    // cond: B x T x nC condition features ([b][t][k]), or null when nC is 0.
    // dropout applies only when grads is non-null (a training step).
    double run(const LstmTensors& params, const int* x, const int* y, const float* cond,
               const LstmTensors* grads, int* correct, int* targets, int batchTotal = 0,
               const DropoutSpec* dropout = nullptr);

private:
    LstmShape s_;
    int nVp_; // vocabulary padded to whole 32-column tiles
    std::vector<float> gates_, c_, h_, tanhC_, probs_, dHout_, dZ_, dh_, dc_, rT_, wT_, wPad_, dWPad_,
        condT_, condZ_, mask_, hDrop_;
};

} // namespace jazz::model
