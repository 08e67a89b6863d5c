#include "TrainingController.h"

#include "Error.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "model/Trainer.h"

namespace jazz::ui {

void TrainingWorker::run(const std::vector<session::CorpusEntry>& corpus,
                         const TrainSettings& settings) {
    try {
        if (corpus.empty())
            throw Error("add at least one MIDI file to the corpus first");
        // All files share one import setting here only when they agree; each entry's own
        // track choice is honoured by importing entry by entry.
        dataset::TrainingCorpus all;
        for (const auto& e : corpus) {
            corpus::ImportOptions o;
            o.melodyTrack = e.melodyTrack;
            o.chordTrack = e.chordTrack;
            o.windowStart = e.windowStart;
            o.windowEnd = e.windowEnd;
            o.chords = e.chords;
            dataset::appendCorpus(all, dataset::loadTrainingCorpus({e.path}, o));
        }
        model::TrainOptions options;
        options.epochs = settings.epochs;
        options.learningRate = settings.learningRate;
        options.seed = settings.seed;
        auto setup = dataset::prepareTraining(
            all, options, {settings.hidden, settings.tx, settings.windows, settings.chordAware});
        auto t = std::make_shared<model::TrainedModel>(std::move(setup.model));
        const auto& data = setup.data;
        const auto result = model::train(
            t->model, data, t->options,
            [&](const model::EpochReport& r) {
                Q_EMIT epochDone(r.epoch, settings.epochs, r.loss, r.accuracy, r.elapsedSeconds);
            },
            cancel_);
        t->history = result.history;
        Q_EMIT finished(t, result.cancelled);
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
