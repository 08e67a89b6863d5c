#include "TakesPanel.h"

#include "Error.h"
#include "studio/GenerationJob.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace jazz::ui {

TakesPanel::TakesPanel(StudioDocument* document, ProgressionPanel* progression, QWidget* parent)
    : QWidget(parent), document_(document), progression_(progression) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Improvise</b>"), this));
    auto* form = new QFormLayout;
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0, 5);
    temperature_->setSingleStep(0.1);
    temperature_->setValue(0.5);
    temperature_->setToolTip(tr("0 always picks the likeliest value (the notebook); higher is wilder"));
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1 << 30);
    tempo_ = new QSpinBox(this);
    tempo_->setRange(20, 400);
    tempo_->setValue(130);
    tempo_->setSuffix(tr(" bpm"));
    form->addRow(tr("Temperature"), temperature_);
    form->addRow(tr("Seed"), seed_);
    form->addRow(tr("Tempo"), tempo_);
    layout->addLayout(form);
    generate_ = new QPushButton(tr("Generate"), this);
    layout->addWidget(generate_);
    list_ = new QListWidget(this);
    // Three takes in view at least; the window must fit 700 px high.
    list_->setMinimumHeight(3 * list_->fontMetrics().lineSpacing() + 2 * list_->frameWidth() + 6);
    layout->addWidget(list_, 1);

    connect(generate_, &QPushButton::clicked, this, [this] {
        QString error;
        if (!startGenerating(&error))
            Q_EMIT errorOccurred(error);
    });
    connect(list_, &QListWidget::currentRowChanged, document_, &StudioDocument::setCurrentTake);
    connect(document_, &StudioDocument::takesChanged, this, &TakesPanel::rebuild);
    connect(document_, &StudioDocument::takeEdited, this, &TakesPanel::rebuild); // note counts
    // A reopened session goes on after its takes' seeds: the next take is a new one.
    connect(document_, &StudioDocument::replaced, this, [this] {
        ++replacedAt_;
        int next = 0;
        for (int i = 0; i < document_->takeCount(); ++i)
            next = std::max(next, int(document_->take(i).seed) + 1);
        seed_->setValue(next);
    });
    connect(document_, &StudioDocument::currentTakeChanged, this, [this](int take) {
        QSignalBlocker block(list_);
        list_->setCurrentRow(take);
    });
    auto enable = [this] { generate_->setEnabled(document_->model() != nullptr && !worker_); };
    connect(document_, &StudioDocument::modelChanged, this, enable);
    enable();
    rebuild();
}

TakesPanel::~TakesPanel() {
    if (worker_) { // one take: moments, not worth cancelling
        worker_->wait();
        delete worker_;
    }
}

bool TakesPanel::prepare(Job* job, QString* error) {
    if (!progression_->generationInputs(&job->model, &job->plan.progression, error))
        return false;
    generate::GenerateOptions o;
    o.sampling.temperature = temperature_->value();
    o.seed = uint32_t(seed_->value());
    // A new take over the same chords keeps the current take's locked bars (and plays around
    // them): locking a bar means no model run changes it, Generate included.
    job->plan.options = o;
    if (document_->currentTake() >= 0)
        job->plan.take = document_->take(document_->currentTake()).arrangement.solo;
    job->take.arrangement.tempo = tempo_->value();
    job->take.temperature = o.sampling.temperature;
    job->take.seed = o.seed;
    return true;
}

void TakesPanel::add(session::Take take) {
    take.name = tr("Take %1 (T %2, seed %3)")
                    .arg(document_->takeCount() + 1)
                    .arg(take.temperature)
                    .arg(take.seed)
                    .toStdString();
    document_->addTake(std::move(take));
    seed_->setValue(seed_->value() + 1); // the next take differs
}

bool TakesPanel::generate(QString* error) {
    Job job;
    if (!prepare(&job, error))
        return false;
    try {
        job.take.arrangement.solo = studio::runGeneration(*job.model, job.plan);
    } catch (const Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    add(std::move(job.take));
    return true;
}

bool TakesPanel::startGenerating(QString* error) {
    if (worker_) {
        *error = tr("The model is still playing the last take.");
        return false;
    }
    Job job;
    if (!prepare(&job, error))
        return false;
    pending_ = job.take;
    jobReplacedAt_ = replacedAt_;
    outcome_ = std::make_shared<Outcome>();
    worker_ = QThread::create([model = job.model, plan = std::move(job.plan), out = outcome_] {
        try {
            out->solo = studio::runGeneration(*model, plan);
        } catch (const Error& e) {
            out->error = e.what();
        }
    });
    connect(worker_, &QThread::finished, this, &TakesPanel::finish);
    generate_->setEnabled(false);
    worker_->start();
    return true;
}

void TakesPanel::finish() {
    worker_->wait();
    delete worker_;
    worker_ = nullptr;
    const auto out = std::move(outcome_);
    generate_->setEnabled(document_->model() != nullptr);
    bool added = false;
    if (!out->error.empty())
        Q_EMIT errorOccurred(QString::fromStdString(out->error));
    else if (jobReplacedAt_ == replacedAt_) { // not for a session since closed
        pending_.arrangement.solo = std::move(out->solo);
        add(std::move(pending_));
        added = true;
    }
    Q_EMIT generated(added);
}

void TakesPanel::rebuild() {
    QSignalBlocker block(list_);
    list_->clear();
    for (int i = 0; i < document_->takeCount(); ++i) {
        const auto& t = document_->take(i);
        list_->addItem(tr("%1 — %2 notes, %3 bars")
                           .arg(QString::fromStdString(t.name))
                           .arg(t.arrangement.solo.notes.size())
                           .arg(t.arrangement.solo.progression.bars.size()));
    }
    list_->setCurrentRow(document_->currentTake());
}

} // namespace jazz::ui
