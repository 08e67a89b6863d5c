// Runs training off the GUI thread: a worker object living in its own QThread imports the
// corpus, trains, and reports each epoch back over queued signals. Stop ends it within one
// batch; destroying the controller (closing the window) stops and joins the thread.
#pragma once

#include "model/ModelFile.h"
#include "session/Session.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace jazz::ui {

struct TrainSettings {
    int epochs = 100;
    double learningRate = 0.01;
    int hidden = 64;
    int tx = 30;
    uint32_t seed = 0;
    int windows = 60; // 0: all windows
    bool chordAware = false; // the chord-aware model (see dataset/Conditions.h)
    // 0: by the corpus's size (studio::defaultRecipe), 1: the notebook's, 2: the collection
    // recipe. Learning rate, hidden size, Tx and chord-aware above apply to the notebook's
    // recipe; the collection recipe brings its own (studio::recipeDefaults).
    int recipe = 0;
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(std::atomic<bool>* cancel) : cancel_(cancel) {}
    Q_SLOT void run(const std::vector<jazz::session::CorpusEntry>& corpus,
                    const jazz::ui::TrainSettings& settings);
Q_SIGNALS:
    // valLoss: per validation value, -1 without validation (the notebook's recipe).
    void epochDone(int epoch, int epochs, double loss, double accuracy, double seconds,
                   double valLoss);
    void recipeChosen(const QString& recipe, int files, qint64 values);
    void finished(std::shared_ptr<const jazz::model::TrainedModel> model, bool cancelled);
    void failed(const QString& message);

private:
    std::atomic<bool>* cancel_;
};

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    bool isRunning() const { return running_; }
    void start(const std::vector<session::CorpusEntry>& corpus, const TrainSettings& settings);
    void stop(); // returns at once; finished() follows within one batch
    // The object that trains, living in the training thread (tests check where work runs).
    const TrainingWorker* worker() const { return worker_; }
    const QThread* workerThread() const { return &thread_; }

Q_SIGNALS:
    void started();
    void epochDone(int epoch, int epochs, double loss, double accuracy, double seconds,
                   double valLoss);
    void recipeChosen(const QString& recipe, int files, qint64 values);
    void finished(std::shared_ptr<const jazz::model::TrainedModel> model, bool cancelled);
    void failed(const QString& message);
    void runRequested(const std::vector<jazz::session::CorpusEntry>& corpus,
                      const jazz::ui::TrainSettings& settings);

private:
    QThread thread_;
    std::atomic<bool> cancel_{false};
    TrainingWorker* worker_;
    bool running_ = false;
};

} // namespace jazz::ui

Q_DECLARE_METATYPE(std::shared_ptr<const jazz::model::TrainedModel>)
Q_DECLARE_METATYPE(std::vector<jazz::session::CorpusEntry>)
Q_DECLARE_METATYPE(jazz::ui::TrainSettings)
