// Inference as the notebook runs it: from a zero input and zero states, each step's choice is
// fed back as the next one-hot input. Choice by argmax (temperature 0, the notebook) or by
// sampling with a temperature (deepjazz used 0.5), optionally from the top k; seeded.
#pragma once

#include "model/LstmModel.h"

#include <random>
#include <vector>

namespace jazz::generate {

struct SamplingOptions {
    double temperature = 0.5; // 0: argmax
    int topK = 0;             // 0: all values
};

class Sampler {
public:
    Sampler(const model::LstmModel& model, const SamplingOptions& options, std::mt19937& rng);
    // Back to the zero input and zero states.
    void reset();
    // The next value index; a chord-aware model also takes the step's conditions (where the
    // value will start and the chord there, dataset::conditionFeatures).
    int next(const float* conditions = nullptr);
    // Ty values from the start.
    std::vector<int> sequence(int ty);
    // Never pick this index (the unknown-value token of a collection model).
    void exclude(int index) { excluded_ = index; }
    const std::vector<float>& lastProbabilities() const { return probs_; }

private:
    const model::LstmModel& model_;
    SamplingOptions options_;
    std::mt19937& rng_;
    model::LstmState state_;
    int input_ = -1;
    int excluded_ = -1;
    std::vector<float> probs_;
};

// Picks an index from probabilities: argmax for temperature 0, else p^(1/T) renormalized over
// the top k (all if k is 0), drawn with rng.
int choose(const std::vector<float>& probabilities, const SamplingOptions& options,
           std::mt19937& rng);

} // namespace jazz::generate
