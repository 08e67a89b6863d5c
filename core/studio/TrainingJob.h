// Training as the studio and the command line both run it: the notebook's recipe for one small
// corpus, or the collection recipe for a musician's many files (held-out validation by file,
// an unknown-value token, stride windows, warm-up and cosine, dropout, clipping, early
// stopping on the best epoch, and an n-gram baseline scored on the same validation files).
#pragma once

#include "dataset/TrainingCorpus.h"
#include "model/ModelFile.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace jazz::studio {

enum class Recipe { Notebook, Collection };
std::string recipeName(Recipe r);
// Throws jazz::Error for a name other than "notebook" or "collection".
Recipe parseRecipe(const std::string& name);

// The default: the collection recipe for more than kCollectionFiles files or more than
// kCollectionValues values, the notebook's for anything smaller.
constexpr int kCollectionFiles = 10;
constexpr size_t kCollectionValues = 5000;
Recipe defaultRecipe(int files, size_t values);

// What the user chose; unset fields take the recipe's defaults (see recipeDefaults()).
struct TrainingPlan {
    std::optional<Recipe> recipe;
    std::optional<int> epochs;
    std::optional<int> hidden;
    std::optional<int> tx;
    std::optional<int> windows; // notebook recipe: random windows, 0 for all
    std::optional<double> learningRate;
    std::optional<double> dropout;
    std::optional<double> validation; // share of pieces held out
    std::optional<int> patience;
    double minutes = 0;           // the whole job's budget, preparation included
    double minutesAlreadySpent = 0; // of that budget, before runTraining (reading the files)
    uint32_t seed = 0;
    std::optional<bool> chordAware;
};

// The settings a recipe fills in, for --help and the studio.
struct RecipeDefaults {
    int epochs, hidden, tx, windows, patience;
    double learningRate, dropout, validation;
    bool chordAware;
};
RecipeDefaults recipeDefaults(Recipe r);

struct TrainingSummary {
    Recipe recipe = Recipe::Notebook;
    size_t values = 0;      // in the whole corpus
    int vocabulary = 0;     // the model's
    int trainPieces = 0, validationPieces = 0;
    int bestEpoch = 0;
    double valLoss = -1;      // the LSTM's, per value (nats), at the best epoch; -1: none
    double ngramValLoss = -1; // the n-gram's on the same values; -1: none
    int ngramOrder = 0;
    double seconds = 0;
    bool cancelled = false;
    bool stoppedEarly = false;
};

struct TrainingOutcome {
    model::TrainedModel model;
    TrainingSummary summary;
};

// `files` is how many files the corpus came from (for the default recipe). onEpoch runs on
// the calling thread after every epoch; cancel stops within one batch (the outcome then holds
// what was learnt so far). Throws jazz::Error for settings that cannot work.
TrainingOutcome runTraining(const dataset::TrainingCorpus& corpus, int files,
                            const TrainingPlan& plan,
                            const std::function<void(const model::EpochReport&)>& onEpoch = {},
                            const std::atomic<bool>* cancel = nullptr);

// Which pieces are held out: a seeded shuffle, round(share * pieces) of them, at least one
// when share > 0 and there are two pieces or more, never all. Sorted.
std::vector<size_t> validationPieces(size_t pieces, double share, uint32_t seed);

} // namespace jazz::studio
