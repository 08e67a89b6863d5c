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

// How the learning rate moves: the notebook's Keras time decay per optimizer step, or (the
// collection recipe) a linear warm-up then a cosine down to a floor over the run, whose length
// is re-estimated from the first epoch when a time budget is set. Keras's decay is tuned for
// the notebook's 2 steps an epoch: over a collection's hundreds of steps it has cut the rate a
// hundredfold within one epoch.
enum class Schedule { KerasDecay, WarmupCosine };

struct TrainOptions {
    int epochs = 100;
    int batchSize = 32;
    double learningRate = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7; // Keras's default
    double decay = 0.01;   // Keras's time decay per iteration (optimizer step)
    uint32_t seed = 0;     // shuffling
    // The collection recipe's settings; the defaults are the notebook's.
    Schedule schedule = Schedule::KerasDecay;
    int warmupSteps = 0;        // WarmupCosine: steps of linear warm-up
    double finalRateShare = 0.05; // WarmupCosine: the floor, as a share of learningRate
    double clipNorm = 0;        // clip the gradients' global norm to this (0: no clipping)
    double dropout = 0;         // on the LSTM's output, before the Dense layer
    bool meanLoss = false;      // minimize the mean cross-entropy per value, not the
                                // notebook's sum over the window's steps
    double minutes = 0;         // time budget: stop after the epoch that crosses it (0: none)
    int patience = 0;           // stop after this many epochs without a better validation
                                // loss (0: never)
};

struct EpochReport {
    int epoch = 0;           // 1-based
    double loss = 0;         // summed over steps, mean over the epoch's samples; with
                             // meanLoss, the mean cross-entropy per value (nats)
    double accuracy = 0;     // share of targets predicted by argmax
    double learningRate = 0; // decayed rate at the epoch's last step
    double elapsedSeconds = 0;
    double valLoss = -1;     // mean cross-entropy per validation value (nats); -1: none
};

struct TrainResult {
    std::vector<EpochReport> history;
    bool cancelled = false;
    int bestEpoch = 0;        // the epoch whose weights the model holds (with validation: the
                              // lowest validation loss; else the last)
    bool stoppedEarly = false; // by patience or the time budget
};

// The mean cross-entropy per target (nats) of the model on windows, without dropout.
double meanCrossEntropy(const LstmModel& model, const dataset::Dataset& data);

// The fast path: the recurrence's forward and backward written out by hand (one-hot inputs
// as row lookups, the Dense layer and the weight gradients as one product over all steps),
// libtorch matrix products, one intra-op thread. Throws jazz::Error on a non-finite loss.
// With `validation`, each epoch also reports the validation loss, and the model ends with the
// weights of the epoch where it was lowest.
TrainResult train(LstmModel& model, const dataset::Dataset& data, const TrainOptions& options,
                  const std::function<void(const EpochReport&)>& onEpoch = {},
                  const std::atomic<bool>* cancel = nullptr,
                  const dataset::Dataset* validation = nullptr);

// The straightforward libtorch version of the same model and optimizer (per-step cell calls on
// one-hot inputs, autograd), kept to check the fast path and to benchmark against it.
TrainResult trainReference(LstmModel& model, const dataset::Dataset& data,
                           const TrainOptions& options,
                           const std::function<void(const EpochReport&)>& onEpoch = {});

} // namespace jazz::model
