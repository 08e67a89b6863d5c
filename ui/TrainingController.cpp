#include "TrainingController.h"

#include "Error.h"
#include "corpus/Import.h"
#include "dataset/TrainingCorpus.h"
#include "grammar/Encoder.h"
#include "studio/TrainingJob.h"

namespace jazz::ui {

void TrainingWorker::run(const std::vector<session::CorpusEntry>& corpus,
                         const TrainSettings& settings) {
    try {
        if (corpus.empty())
            throw Error("add at least one MIDI file to the corpus first");
        // Each entry with its own track choice; every sheet encoded once, the vocabulary built
        // once at the end (linear in the collection's size).
        dataset::TrainingCorpus all;
        for (const auto& e : corpus) {
            if (cancel_->load()) { // stopped while reading: nothing learnt
                Q_EMIT finished(std::make_shared<model::TrainedModel>(), true);
                return;
            }
            const bool text = corpus::isTextCorpus(e.path);
            for (const auto& sheet : corpus::loadLeadSheets(e.path, e.importOptions()))
                dataset::addEncodedSheet(all, sheet, grammar::encode(sheet),
                                         text ? sheet.source : e.path);
        }
        dataset::finishCorpus(all);
        studio::TrainingPlan plan;
        if (settings.recipe == 1)
            plan.recipe = studio::Recipe::Notebook;
        else if (settings.recipe == 2)
            plan.recipe = studio::Recipe::Collection;
        const auto recipe =
            plan.recipe.value_or(studio::defaultRecipe(int(corpus.size()), all.values.size()));
        plan.recipe = recipe;
        plan.epochs = settings.epochs;
        plan.seed = settings.seed;
        if (recipe == studio::Recipe::Notebook) { // the collection recipe brings its own
            plan.chordAware = settings.chordAware;
            plan.learningRate = settings.learningRate;
            plan.hidden = settings.hidden;
            plan.tx = settings.tx;
            plan.windows = settings.windows;
        }
        Q_EMIT recipeChosen(QString::fromStdString(studio::recipeName(recipe)), int(corpus.size()),
                            qint64(all.values.size()));
        auto outcome = studio::runTraining(
            all, int(corpus.size()), plan,
            [&](const model::EpochReport& r) {
                Q_EMIT epochDone(r.epoch, settings.epochs, r.loss, r.accuracy, r.elapsedSeconds,
                                 r.valLoss);
            },
            cancel_);
        auto t = std::make_shared<model::TrainedModel>(std::move(outcome.model));
        Q_EMIT finished(t, outcome.summary.cancelled);
    } catch (const Error& e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        Q_EMIT failed(QString("training failed: ") + e.what());
    }
}

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), worker_(new TrainingWorker(&cancel_)) {
    qRegisterMetaType<std::shared_ptr<const model::TrainedModel>>();
    qRegisterMetaType<std::vector<session::CorpusEntry>>();
    qRegisterMetaType<TrainSettings>();
    thread_.setObjectName("training");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(this, &TrainingController::runRequested, worker_, &TrainingWorker::run,
            Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::epochDone, this, &TrainingController::epochDone,
            Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::recipeChosen, this, &TrainingController::recipeChosen,
            Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::finished, this,
            [this](std::shared_ptr<const model::TrainedModel> m, bool cancelled) {
                running_ = false;
                Q_EMIT finished(std::move(m), cancelled);
            },
            Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::failed, this,
            [this](const QString& message) {
                running_ = false;
                Q_EMIT failed(message);
            },
            Qt::QueuedConnection);
    thread_.start();
}

TrainingController::~TrainingController() {
    cancel_ = true; // a running epoch stops within one batch
    thread_.quit();
    thread_.wait();
}

void TrainingController::start(const std::vector<session::CorpusEntry>& corpus,
                               const TrainSettings& settings) {
    if (running_)
        return;
    cancel_ = false;
    running_ = true;
    Q_EMIT started();
    Q_EMIT runRequested(corpus, settings);
}

void TrainingController::stop() { cancel_ = true; }

} // namespace jazz::ui
