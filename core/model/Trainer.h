// Trains an LstmModel on dataset windows as the notebook compiles it: Adam (lr 0.01, beta1
// 0.9, beta2 0.999) with Keras's time decay lr / (1 + 0.01 * iterations), batches of 32
// shuffled each epoch, loss = sum over the Tx outputs of the batch-mean cross-entropy.
// A worker thread drives it: a callback after each epoch, cancellation within one batch.
#pragma once

#include "dataset/Dataset.h"
#include "model/LstmModel.h"

#include <atomic>
#include <functional>
#include <vector>

namespace jazz::model {

struct TrainOptions {
    int epochs = 100;
    int batchSize = 32;
    double learningRate = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7; // Keras's default
    double decay = 0.01;   // Keras's time decay per iteration (optimizer step)
    uint32_t seed = 0;     // shuffling
};

struct EpochReport {
    int epoch = 0;           // 1-based
    double loss = 0;         // summed over steps, mean over the epoch's samples
    double accuracy = 0;     // share of targets predicted by argmax
    double learningRate = 0; // decayed rate at the epoch's last step
    double elapsedSeconds = 0;
};

struct TrainResult {
    std::vector<EpochReport> history;
    bool cancelled = false;
};

// The fast path: the recurrence's forward and backward written out by hand (one-hot inputs
// as row lookups, the Dense layer and the weight gradients as one product over all steps),
// libtorch matrix products, one intra-op thread. Throws jazz::Error on a non-finite loss.
TrainResult train(LstmModel& model, const dataset::Dataset& data, const TrainOptions& options,
                  const std::function<void(const EpochReport&)>& onEpoch = {},
                  const std::atomic<bool>* cancel = nullptr);

// The straightforward libtorch version of the same model and optimizer (per-step cell calls on
// one-hot inputs, autograd), kept to check the fast path and to benchmark against it.
TrainResult trainReference(LstmModel& model, const dataset::Dataset& data,
                           const TrainOptions& options,
                           const std::function<void(const EpochReport&)>& onEpoch = {});

} // namespace jazz::model
