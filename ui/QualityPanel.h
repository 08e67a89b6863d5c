// Musical quality of the current model: generates N solos over the current progression on a
// worker thread and scores them against the model's own corpus (studio::runEvaluation, as the
// command line's evaluate does), showing each feature for corpus and solos, their overlap,
// and which of the studio's targets are met.
#pragma once

#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "studio/EvaluationJob.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QThread;

namespace jazz::ui {

class QualityPanel : public QWidget {
    Q_OBJECT
public:
    QualityPanel(StudioDocument* document, ProgressionPanel* progression, QWidget* parent = nullptr);
    ~QualityPanel() override; // stops and joins a running measurement

    // Starts measuring in the background; false with *error when there is no model, its file
    // predates keeping the corpus melody, or the progression is invalid.
    bool measure(QString* error);
    bool isRunning() const { return worker_ != nullptr; }
    QTableWidget* table() const { return table_; }
    QLabel* summary() const { return summary_; }
    QPushButton* measureButton() const { return measure_; }
    void setSolos(int n);

Q_SIGNALS:
    void measured(int targetsMet, int targets);
    void solosGenerated(int done, int total); // during a measurement, after each solo
    void errorOccurred(const QString& message);

private:
    struct Job {
        std::atomic<bool> cancel{false};
        studio::EvaluationOutcome outcome;
        QString error;
        bool done = false;
        std::shared_ptr<const model::TrainedModel> model; // the one measured
    };
    void finish();
    void showReport(const studio::EvaluationOutcome& outcome);

    StudioDocument* document_;
    ProgressionPanel* progression_;
    QSpinBox* solos_;
    QDoubleSpinBox* temperature_;
    QPushButton* measure_;
    QTableWidget* table_;
    QLabel* summary_;
    QThread* worker_ = nullptr;
    std::shared_ptr<Job> job_;
    std::shared_ptr<const model::TrainedModel> measured_; // whose results the table shows
};

} // namespace jazz::ui
