#include "studio/TrainingJob.h"

#include "Error.h"
#include "dataset/Conditions.h"
#include "dataset/Dataset.h"
#include "model/NGram.h"
#include "model/Trainer.h"
#include "model/TrainingSetup.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

namespace jazz::studio {

namespace {

using Clock = std::chrono::steady_clock;

// A value seen once in the training files is as good as unseen: folding such values into the
// unknown-value token gives the model (and the n-gram) real examples of "something rare comes
// here", so validation values unseen in training count against both models the same way.
constexpr int kMinValueCount = 2;

std::vector<int> toIndices(const std::vector<std::string>& values, const dataset::Vocabulary& v) {
    std::vector<int> out;
    out.reserve(values.size());
    for (const auto& s : values)
        out.push_back(*v.indexOrUnknown(s));
    return out;
}

std::vector<std::pair<size_t, size_t>> spans(const dataset::TrainingCorpus& c) {
    std::vector<std::pair<size_t, size_t>> out;
    for (const auto& p : c.pieces)
        out.push_back({p.firstValue, p.valueCount});
    return out;
}

std::vector<std::vector<int>> sequences(const std::vector<int>& indices,
                                        const dataset::TrainingCorpus& c) {
    std::vector<std::vector<int>> out;
    for (const auto& p : c.pieces)
        out.emplace_back(indices.begin() + long(p.firstValue),
                         indices.begin() + long(p.firstValue + p.valueCount));
    return out;
}

void fillCorpus(model::TrainedModel& t, const dataset::TrainingCorpus& corpus) {
    t.sources = corpus.sources;
    t.corpusChords = corpus.chords;
    t.corpusMelody = corpus.melody;
    t.beatsPerBar = corpus.beatsPerBar;
}

// What is left of the time budget for the training loop itself (0: no budget). Reading the
// files, the split and the n-gram count against it, so --minutes bounds the whole run.
double budgetLeft(const TrainingPlan& plan, Clock::time_point started) {
    if (plan.minutes <= 0)
        return 0;
    const double spent =
        plan.minutesAlreadySpent + std::chrono::duration<double>(Clock::now() - started).count() / 60;
    return std::max(plan.minutes - spent, 1.0 / 600); // at least one epoch runs
}

TrainingOutcome notebookRecipe(const dataset::TrainingCorpus& corpus, const TrainingPlan& plan,
                               const std::function<void(const model::EpochReport&)>& onEpoch,
                               const std::atomic<bool>* cancel, Clock::time_point started) {
    const RecipeDefaults d = recipeDefaults(Recipe::Notebook);
    if (plan.validation.value_or(0) > 0)
        throw Error("validation holds out whole files and scores values unseen in training "
                    "with an unknown-value token, which the notebook's recipe does not have: "
                    "use the collection recipe for --validation");
    model::TrainOptions o;
    o.epochs = plan.epochs.value_or(d.epochs);
    o.learningRate = plan.learningRate.value_or(d.learningRate);
    o.seed = plan.seed;
    o.dropout = plan.dropout.value_or(d.dropout);
    o.minutes = budgetLeft(plan, started);
    model::ModelShape shape;
    shape.hidden = plan.hidden.value_or(d.hidden);
    shape.tx = plan.tx.value_or(d.tx);
    shape.windows = plan.windows.value_or(d.windows);
    shape.chordAware = plan.chordAware.value_or(d.chordAware);
    auto setup = model::prepareTraining(corpus, o, shape);
    TrainingOutcome out{std::move(setup.model), {}};
    const auto r = model::train(out.model.model, setup.data, o, onEpoch, cancel);
    out.model.history = r.history;
    out.model.bestEpoch = r.bestEpoch;
    auto& s = out.summary;
    s.recipe = Recipe::Notebook;
    s.vocabulary = out.model.vocabulary.size();
    s.trainPieces = int(corpus.pieces.size());
    s.bestEpoch = r.bestEpoch;
    s.cancelled = r.cancelled;
    s.stoppedEarly = r.stoppedEarly;
    return out;
}

TrainingOutcome collectionRecipe(const dataset::TrainingCorpus& corpus, const TrainingPlan& plan,
                                 const std::function<void(const model::EpochReport&)>& onEpoch,
                                 const std::atomic<bool>* cancel, Clock::time_point started) {
    const RecipeDefaults d = recipeDefaults(Recipe::Collection);
    const double share = plan.validation.value_or(d.validation);
    const std::vector<size_t> held = validationPieces(corpus.pieces.size(), share, plan.seed);
    std::vector<size_t> kept;
    for (size_t i = 0, h = 0; i < corpus.pieces.size(); ++i) {
        if (h < held.size() && held[h] == i)
            ++h;
        else
            kept.push_back(i);
    }
    const auto train = dataset::subsetCorpus(corpus, kept);
    const auto valid = dataset::subsetCorpus(corpus, held);
    const auto vocab = dataset::Vocabulary::withUnknown(train.values, kMinValueCount);
    const int nV = vocab.size();
    const auto trainIdx = toIndices(train.values, vocab);
    const auto validIdx = toIndices(valid.values, vocab);

    const int tx = plan.tx.value_or(d.tx);
    if (tx < 2)
        throw Error("window length Tx must be at least 2, got " + std::to_string(tx));
    dataset::Dataset trainData = dataset::strideWindows(trainIdx, spans(train), nV, tx);
    dataset::Dataset validData;
    if (!held.empty())
        validData = dataset::strideWindows(validIdx, spans(valid), nV, tx);
    const bool chordAware = plan.chordAware.value_or(d.chordAware);
    if (chordAware) {
        dataset::attachConditions(trainData, train.conditions, dataset::kConditionWidth);
        if (!held.empty())
            dataset::attachConditions(validData, valid.conditions, dataset::kConditionWidth);
    }

    TrainingOutcome out;
    auto& s = out.summary;
    s.recipe = Recipe::Collection;
    s.trainPieces = int(kept.size());
    s.validationPieces = int(held.size());
    // The baseline: the n-gram order that does best on the validation files (2 to 4), so the
    // LSTM is measured against the strongest counting model, not a straw man.
    if (!held.empty()) {
        const auto trainSeqs = sequences(trainIdx, train);
        const auto validSeqs = sequences(validIdx, valid);
        for (int order = 2; order <= 4; ++order) {
            model::NGramModel ngram(order, nV);
            ngram.train(trainSeqs);
            const double loss = ngram.meanCrossEntropy(validSeqs);
            if (s.ngramValLoss < 0 || loss < s.ngramValLoss) {
                s.ngramValLoss = loss;
                s.ngramOrder = order;
            }
        }
    }

    model::TrainOptions o;
    o.epochs = plan.epochs.value_or(d.epochs);
    o.learningRate = plan.learningRate.value_or(d.learningRate);
    o.seed = plan.seed;
    o.schedule = model::Schedule::WarmupCosine;
    const int stepsPerEpoch = (trainData.m + o.batchSize - 1) / o.batchSize;
    o.warmupSteps = std::min(200, stepsPerEpoch);
    o.clipNorm = 1.0;
    o.dropout = plan.dropout.value_or(d.dropout);
    o.meanLoss = true;
    o.minutes = budgetLeft(plan, started);
    o.patience = plan.patience.value_or(d.patience);
    if (o.dropout < 0 || o.dropout >= 1)
        throw Error("dropout must be at least 0 and below 1, got " + std::to_string(o.dropout));

    model::TrainedModel& t = out.model;
    t.vocabulary = vocab;
    t.options = o;
    t.windows = trainData.m;
    t.recipe = "collection";
    t.validationShare = share;
    t.validationPieces = int(held.size());
    t.model = model::LstmModel::initialized(
        {nV, plan.hidden.value_or(d.hidden), tx, chordAware ? dataset::kConditionWidth : 0},
        plan.seed);
    const auto r = model::train(t.model, trainData, o, onEpoch, cancel,
                                held.empty() ? nullptr : &validData);
    t.history = r.history;
    t.bestEpoch = r.bestEpoch;
    if (r.bestEpoch > 0 && size_t(r.bestEpoch) <= r.history.size())
        t.valLoss = r.history[size_t(r.bestEpoch) - 1].valLoss;
    t.ngramValLoss = s.ngramValLoss;
    t.ngramOrder = s.ngramOrder;
    s.vocabulary = nV;
    s.bestEpoch = r.bestEpoch;
    s.valLoss = t.valLoss;
    s.cancelled = r.cancelled;
    s.stoppedEarly = r.stoppedEarly;
    return out;
}

} // namespace

std::string recipeName(Recipe r) { return r == Recipe::Collection ? "collection" : "notebook"; }

Recipe parseRecipe(const std::string& name) {
    if (name == "notebook")
        return Recipe::Notebook;
    if (name == "collection")
        return Recipe::Collection;
    throw Error("unknown recipe '" + name + "' (notebook or collection)");
}

Recipe defaultRecipe(int files, size_t values) {
    return files > kCollectionFiles || values > kCollectionValues ? Recipe::Collection
                                                                  : Recipe::Notebook;
}

RecipeDefaults recipeDefaults(Recipe r) {
    if (r == Recipe::Notebook) // the notebook's djmodel and its fit() call
        return {100, 64, 30, 60, 0, 0.01, 0.0, 0.0, false};
    // The collection recipe: a wider LSTM with dropout for tens of thousands of values or
    // more; windows of 32 values (four bars or so of context; shorter windows mean more
    // optimizer steps for the same arithmetic, which decided it: on the bundled corpus in all
    // keys, 60 epochs, seeds 0-2, held-out loss 0.63/0.64/0.80 nats per value with windows of
    // 32 against 1.07/1.32/1.36 with 64); Adam at 0.01 behind the warm-up and clipping (0.53
    // and 0.68 for seeds 1 and 2 against 0.64 and 0.80 at 0.005); patience for the noisy
    // validation curve of a few dozen held-out solos. It reads each step's chord and place in the bar (the chord-aware
    // model): the melody values alone do not say where a bar ends, and knowing it is most of
    // what a rhythm value depends on (on the bundled corpus in all keys, 40 epochs: 1.21 nats
    // per held-out value against 2.06 without).
    return {100, 128, 32, 0, 8, 0.01, 0.25, 0.1, true};
}

std::vector<size_t> validationPieces(size_t pieces, double share, uint32_t seed) {
    if (share < 0 || share >= 1)
        throw Error("the validation share must be at least 0 and below 1, got " +
                    std::to_string(share));
    if (share == 0 || pieces < 2)
        return {};
    size_t n = size_t(std::lround(share * double(pieces)));
    n = std::clamp<size_t>(n, 1, pieces - 1);
    std::vector<size_t> order(pieces);
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(seed ^ 0x5EEDu);
    for (size_t i = pieces - 1; i > 0; --i) // Fisher-Yates with the engine's raw words:
        std::swap(order[i], order[size_t(rng()) % (i + 1)]); // the same on every platform
    order.resize(n);
    std::sort(order.begin(), order.end());
    return order;
}

TrainingOutcome runTraining(const dataset::TrainingCorpus& corpus, int files,
                            const TrainingPlan& plan,
                            const std::function<void(const model::EpochReport&)>& onEpoch,
                            const std::atomic<bool>* cancel) {
    if (corpus.values.empty())
        throw Error("the corpus holds no values to learn from");
    const auto start = Clock::now();
    const Recipe recipe = plan.recipe.value_or(defaultRecipe(files, corpus.values.size()));
    TrainingOutcome out = recipe == Recipe::Collection
                              ? collectionRecipe(corpus, plan, onEpoch, cancel, start)
                              : notebookRecipe(corpus, plan, onEpoch, cancel, start);
    fillCorpus(out.model, corpus);
    out.summary.values = corpus.values.size();
    out.summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return out;
}

} // namespace jazz::studio
