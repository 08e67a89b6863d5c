// Training settings, Train and Stop, progress with time left, the live loss chart, and
// saving/opening model files.
#pragma once

#include "StudioDocument.h"
#include "TrainingController.h"

#include <QWidget>

class QChart;
class QComboBox;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QChartView;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QCheckBox;

namespace jazz::ui {

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    TrainingPanel(StudioDocument* document, TrainingController* controller,
                  QWidget* parent = nullptr);

    TrainSettings settings() const;
    void setSettings(const TrainSettings& s);
    int chartPoints() const;
    int validationPoints() const;
    int bestEpochShown() const; // the marked best epoch, 0 for none
    QPushButton* trainButton() const { return train_; }
    QPushButton* stopButton() const { return stop_; }
    QLabel* statusLabel() const { return status_; }

Q_SIGNALS:
    void saveModelRequested();
    void openModelRequested();
    void errorOccurred(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* e) override;

private:
    void onEpoch(int epoch, int epochs, double loss, double accuracy, double seconds,
                 double valLoss);
    void updateRecipeFields();
    void fitStatus();
    void setRunning(bool running);
    // The loaded model's settings, loss history and state (or "No model yet."), so the panel
    // always shows the model that Generate and Save use.
    void showModel();
    void showModelStatus();

    StudioDocument* document_;
    TrainingController* controller_;
    QSpinBox *epochs_, *hidden_, *tx_, *seed_;
    QCheckBox* chordAware_;
    QComboBox* recipe_;
    QDoubleSpinBox* rate_;
    QPushButton *train_, *stop_, *save_, *open_;
    QProgressBar* progress_;
    QLabel* status_;
    QLineSeries* series_;
    QLineSeries* validation_;
    QScatterSeries* best_;
    QChart* chart_;
    double bestLoss_ = -1;
    QValueAxis *xAxis_, *yAxis_;
    double maxLoss_ = 1;
    std::vector<session::CorpusEntry> training_; // the corpus being trained on
};

} // namespace jazz::ui
