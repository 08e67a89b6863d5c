#include "TrainingPanel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QScatterSeries>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QCheckBox>
#include <QValueAxis>
#include <QVBoxLayout>

namespace jazz::ui {

TrainingPanel::TrainingPanel(StudioDocument* document, TrainingController* controller,
                             QWidget* parent)
    : QWidget(parent), document_(document), controller_(controller) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Training</b>"), this));
    auto* form = new QFormLayout;
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 100000);
    epochs_->setValue(100);
    rate_ = new QDoubleSpinBox(this);
    rate_->setDecimals(4);
    rate_->setRange(0.0001, 1.0);
    rate_->setSingleStep(0.001);
    rate_->setValue(0.01);
    hidden_ = new QSpinBox(this);
    hidden_->setRange(4, 1024);
    hidden_->setValue(64);
    tx_ = new QSpinBox(this);
    tx_->setRange(2, 1000);
    tx_->setValue(30);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1 << 30);
    recipe_ = new QComboBox(this);
    recipe_->setObjectName("recipe");
    recipe_->addItem(tr("Automatic"));
    recipe_->addItem(tr("Notebook"));
    recipe_->addItem(tr("Collection"));
    recipe_->setToolTip(
        tr("Notebook: the notebook's recipe (60 random windows, its decaying learning rate), "
           "for one solo or a few. Collection: for many files (more than 10, or more than "
           "5,000 values): every value once an epoch, 10% of the files held out to validate, "
           "dropout, the best epoch kept; it brings its own learning rate, hidden size and "
           "window, and always reads the chords (chord-aware). Automatic picks by the "
           "corpus's size."));
    form->addRow(tr("Recipe"), recipe_);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Learning rate"), rate_);
    form->addRow(tr("Hidden size"), hidden_);
    form->addRow(tr("Window Tx"), tx_);
    form->addRow(tr("Seed"), seed_);
    // Short, so the panel fits a narrow pane; the tooltip explains.
    chordAware_ = new QCheckBox(tr("Chord-aware model"), this);
    chordAware_->setObjectName("chordAware");
    chordAware_->setToolTip(tr("The model also sees each chord and beat. The notebook's LSTM learns the melody alone and meets the chords "
                               "only when its values are turned into notes. The chord-aware "
                               "model also reads the chord and the position in the bar at every "
                               "step."));
    chordAware_->setChecked(TrainSettings{}.chordAware);
    form->addRow(QString(), chordAware_);
    layout->addLayout(form);

    auto* buttons = new QGridLayout; // two by two: fits a narrow pane
    train_ = new QPushButton(tr("Train"), this);
    stop_ = new QPushButton(tr("Stop"), this);
    save_ = new QPushButton(tr("Save model…"), this);
    open_ = new QPushButton(tr("Open model…"), this);
    buttons->addWidget(train_, 0, 0);
    buttons->addWidget(stop_, 0, 1);
    buttons->addWidget(open_, 1, 0);
    buttons->addWidget(save_, 1, 1);
    layout->addLayout(buttons);
    progress_ = new QProgressBar(this);
    progress_->setFormat(tr("epoch %v of %m"));
    status_ = new QLabel(tr("No model yet."), this);
    status_->setObjectName("trainingStatus");
    status_->setWordWrap(true); // a long failure wraps instead of widening the pane
    status_->installEventFilter(this); // and claims the height its wrapped lines need
    layout->addWidget(progress_);
    layout->addWidget(status_);

    series_ = new QLineSeries;
    series_->setName(tr("training"));
    validation_ = new QLineSeries;
    validation_->setName(tr("validation"));
    best_ = new QScatterSeries;
    best_->setName(tr("best epoch"));
    best_->setMarkerSize(9);
    auto* chart = new QChart;
    chart_ = chart;
    chart->addSeries(series_);
    chart->addSeries(validation_);
    chart->addSeries(best_);
    chart->legend()->hide();
    chart->setTitle(tr("Loss per epoch"));
    xAxis_ = new QValueAxis;
    yAxis_ = new QValueAxis;
    xAxis_->setLabelFormat("%d");
    yAxis_->setLabelFormat("%.3g"); // 130, 7.83, 2.41: short enough for a narrow column
    xAxis_->setTruncateLabels(false);
    yAxis_->setTruncateLabels(false);
    xAxis_->setRange(1, 100);
    yAxis_->setRange(0, 1);
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    for (QXYSeries* xy : std::initializer_list<QXYSeries*>{series_, validation_, best_}) {
        xy->attachAxis(xAxis_);
        xy->attachAxis(yAxis_);
    }
    auto* view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(140);
    view->setFocusPolicy(Qt::NoFocus); // a picture: no Tab stop that would show no focus
    layout->addWidget(view, 1);

    connect(train_, &QPushButton::clicked, this, [this] {
        series_->clear();
        validation_->clear();
        best_->clear();
        bestLoss_ = -1;
        chart_->legend()->hide();
        chart_->setTitle(tr("Loss per epoch"));
        maxLoss_ = 1;
        xAxis_->setRange(1, std::max(2, epochs_->value()));
        progress_->setRange(0, epochs_->value());
        progress_->setValue(0);
        status_->setText(tr("Reading the corpus…"));
        training_ = document_->session().corpus;
        controller_->start(training_, settings());
    });
    connect(stop_, &QPushButton::clicked, controller_, &TrainingController::stop);
    connect(save_, &QPushButton::clicked, this, &TrainingPanel::saveModelRequested);
    connect(open_, &QPushButton::clicked, this, &TrainingPanel::openModelRequested);
    connect(controller_, &TrainingController::started, this, [this] { setRunning(true); });
    connect(controller_, &TrainingController::epochDone, this, &TrainingPanel::onEpoch);
    connect(controller_, &TrainingController::recipeChosen, this,
            [this](const QString& recipe, int files, qint64 values) {
                const bool collection = recipe == "collection";
                chart_->setTitle(collection ? tr("Loss per value (nats): training and validation")
                                            : tr("Loss per epoch (summed over the window)"));
                chart_->legend()->setVisible(collection);
                status_->setText(tr("%1 recipe: %n file(s), %2 values", nullptr, files)
                                     .arg(collection ? tr("Collection") : tr("Notebook"))
                                     .arg(values));
            });
    connect(recipe_, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateRecipeFields);
    connect(controller_, &TrainingController::finished, this,
            [this](std::shared_ptr<const model::TrainedModel> m, bool cancelled) {
                setRunning(false);
                if (m->history.empty()) {
                    status_->setText(tr("Stopped before the first epoch ended."));
                    return;
                }
                document_->setModel(m, QString(), &training_);
                status_->setText((cancelled ? tr("Stopped after epoch %1: loss %2")
                                            : tr("Trained %1 epochs: loss %2"))
                                     .arg(m->history.size())
                                     .arg(m->history.back().loss, 0, 'f', 3));
            });
    connect(controller_, &TrainingController::failed, this, [this](const QString& message) {
        setRunning(false);
        // Shown once, here where training was started.
        status_->setText(tr("Training failed: %1").arg(message));
        fitStatus();
    });
    connect(document_, &StudioDocument::modelChanged, this, [this] {
        save_->setEnabled(document_->model() != nullptr && !controller_->isRunning());
        showModel();
    });
    connect(document_, &StudioDocument::modelOutOfDateChanged, this, &TrainingPanel::showModelStatus);
    setRunning(false);
}

TrainSettings TrainingPanel::settings() const {
    TrainSettings s;
    s.epochs = epochs_->value();
    s.learningRate = rate_->value();
    s.hidden = hidden_->value();
    s.tx = tx_->value();
    s.seed = uint32_t(seed_->value());
    s.chordAware = chordAware_->isChecked();
    s.recipe = recipe_->currentIndex();
    return s;
}

void TrainingPanel::updateRecipeFields() {
    // The collection recipe brings its own rate, hidden size and window.
    const bool own = recipe_->currentIndex() != 2 && !controller_->isRunning();
    for (QWidget* w : std::initializer_list<QWidget*>{rate_, hidden_, tx_, chordAware_})
        w->setEnabled(own);
}

int TrainingPanel::validationPoints() const { return int(validation_->count()); }

int TrainingPanel::bestEpochShown() const {
    return best_->count() > 0 ? int(best_->at(0).x()) : 0;
}

void TrainingPanel::setSettings(const TrainSettings& s) {
    epochs_->setValue(s.epochs);
    rate_->setValue(s.learningRate);
    hidden_->setValue(s.hidden);
    tx_->setValue(s.tx);
    seed_->setValue(int(s.seed));
    chordAware_->setChecked(s.chordAware);
    recipe_->setCurrentIndex(std::clamp(s.recipe, 0, 2));
}

int TrainingPanel::chartPoints() const { return int(series_->count()); }

void TrainingPanel::onEpoch(int epoch, int epochs, double loss, double accuracy, double seconds,
                            double valLoss) {
    series_->append(epoch, loss);
    maxLoss_ = std::max(maxLoss_, loss);
    if (valLoss >= 0) {
        validation_->append(epoch, valLoss);
        maxLoss_ = std::max(maxLoss_, valLoss);
        if (bestLoss_ < 0 || valLoss < bestLoss_) { // the weights the model will keep
            bestLoss_ = valLoss;
            best_->clear();
            best_->append(epoch, valLoss);
        }
    }
    yAxis_->setRange(0, maxLoss_ * 1.05);
    progress_->setValue(epoch);
    const double left = seconds / epoch * (epochs - epoch);
    status_->setText(tr("Epoch %1 of %2: loss %3%6, accuracy %4%, about %5 s left")
                         .arg(epoch)
                         .arg(epochs)
                         .arg(loss, 0, 'f', 3)
                         .arg(qRound(accuracy * 100))
                         .arg(left, 0, 'f', left < 10 ? 1 : 0)
                         .arg(valLoss >= 0 ? tr(", validation %1 (best %2)")
                                                 .arg(valLoss, 0, 'f', 3)
                                                 .arg(bestLoss_, 0, 'f', 3)
                                           : QString()));
}

void TrainingPanel::setRunning(bool running) {
    train_->setEnabled(!running);
    stop_->setEnabled(running);
    open_->setEnabled(!running);
    save_->setEnabled(!running && document_->model() != nullptr);
    for (QWidget* w : std::initializer_list<QWidget*>{epochs_, rate_, hidden_, tx_, seed_,
                                                      chordAware_, recipe_})
        w->setEnabled(!running);
    updateRecipeFields();
    document_->setCorpusLocked(running); // training reads the corpus: it stays as it was
}

bool TrainingPanel::eventFilter(QObject* watched, QEvent* e) {
    if (watched == status_ && (e->type() == QEvent::Resize || e->type() == QEvent::Show))
        fitStatus();
    return QWidget::eventFilter(watched, e);
}

// Wrapped text never clipped: the status line asks for its height at its width; the chart
// below gives way.
void TrainingPanel::fitStatus() {
    const int h = status_->heightForWidth(status_->width() > 0 ? status_->width() : width());
    if (h > 0 && status_->minimumHeight() != h)
        status_->setMinimumHeight(h);
}

void TrainingPanel::showModel() {
    const auto m = document_->model();
    series_->clear();
    maxLoss_ = 1;
    if (!m) {
        xAxis_->setRange(1, std::max(2, epochs_->value()));
        yAxis_->setRange(0, 1);
        showModelStatus();
        return;
    }
    TrainSettings s = settings();
    s.epochs = m->options.epochs;
    s.learningRate = m->options.learningRate;
    s.hidden = m->model.config.nA;
    s.tx = m->model.config.tx;
    s.seed = m->options.seed;
    s.chordAware = m->model.config.nCond > 0;
    s.recipe = m->recipe == "collection" ? 2 : 1;
    setSettings(s);
    validation_->clear();
    best_->clear();
    bestLoss_ = -1;
    const bool collection = m->recipe == "collection";
    chart_->setTitle(collection ? tr("Loss per value (nats): training and validation")
                                : tr("Loss per epoch"));
    chart_->legend()->setVisible(collection);
    for (const auto& r : m->history) {
        series_->append(r.epoch, r.loss);
        maxLoss_ = std::max(maxLoss_, r.loss);
        if (r.valLoss >= 0) {
            validation_->append(r.epoch, r.valLoss);
            maxLoss_ = std::max(maxLoss_, r.valLoss);
        }
    }
    if (m->bestEpoch > 0 && size_t(m->bestEpoch) <= m->history.size() &&
        m->history[size_t(m->bestEpoch) - 1].valLoss >= 0) {
        bestLoss_ = m->history[size_t(m->bestEpoch) - 1].valLoss;
        best_->append(m->bestEpoch, bestLoss_);
    }
    xAxis_->setRange(1, std::max<int>(2, std::max<int>(int(m->history.size()), m->options.epochs)));
    yAxis_->setRange(0, maxLoss_ * 1.05);
    progress_->setRange(0, std::max(1, m->options.epochs));
    progress_->setValue(int(m->history.size()));
    showModelStatus();
}

void TrainingPanel::showModelStatus() {
    if (controller_->isRunning())
        return; // the epochs report themselves
    const auto m = document_->model();
    if (!m) {
        status_->setText(tr("No model yet."));
        status_->setStyleSheet(QString());
        return;
    }
    const QString file = QString::fromStdString(document_->session().modelPath);
    QString text = m->history.empty()
                       ? tr("Model loaded, without a training history.")
                       : tr("Model: %1 epochs, loss %2")
                             .arg(m->history.size())
                             .arg(m->history.back().loss, 0, 'f', 3);
    if (m->valLoss >= 0)
        text += tr(", validation %1 per value at epoch %2 (n-gram baseline %3)")
                    .arg(m->valLoss, 0, 'f', 3)
                    .arg(m->bestEpoch)
                    .arg(m->ngramValLoss, 0, 'f', 3);
    text += file.isEmpty() ? tr(" (not saved)") : tr(" (%1)").arg(QFileInfo(file).fileName());
    if (document_->isModelOutOfDate())
        text += tr(" — out of date: the corpus changed since it was trained. Train again.");
    status_->setText(text);
    status_->setToolTip(file);
    fitStatus();
    status_->setStyleSheet(document_->isModelOutOfDate() ? "QLabel { color: #a04000; }" : QString());
}

} // namespace jazz::ui
