#include "QualityPanel.h"

#include "Error.h"
#include "FeatureNames.h"
#include "generate/Generator.h"
#include "studio/EvaluationJob.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace jazz::ui {

QualityPanel::QualityPanel(StudioDocument* document, ProgressionPanel* progression,
                           QWidget* parent)
    : QWidget(parent), document_(document), progression_(progression) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Quality</b>"), this));
    auto* form = new QFormLayout;
    solos_ = new QSpinBox(this);
    solos_->setRange(1, 1000);
    solos_->setValue(100);
    solos_->setToolTip(tr("Solos to generate over the progression and score against the corpus"));
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0, 5);
    temperature_->setSingleStep(0.1);
    temperature_->setValue(generate::SamplingOptions{}.temperature);
    form->addRow(tr("Solos"), solos_);
    form->addRow(tr("Temperature"), temperature_);
    layout->addLayout(form);
    measure_ = new QPushButton(tr("Measure"), this);
    measure_->setToolTip(tr("Generate the solos and compare them with the model's corpus: chord "
                            "tones, pitch variety, rhythm, range, leaps and copying"));
    layout->addWidget(measure_);
    table_ = new QTableWidget(0, 5, this);
    table_->setHorizontalHeaderLabels(
        {tr("Feature"), tr("Corpus"), tr("Solos"), tr("Overlap"), tr("Met")});
    table_->horizontalHeaderItem(4)->setToolTip(tr("✓ met, ✗ missed: hover a mark for the target"));
    table_->setTextElideMode(Qt::ElideMiddle); // "Notes on…tones" vs "Time on…tones" stay apart
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Names whole (a narrow pane scrolls sideways rather than cutting them to look-alikes).
    for (int c = 0; c < 5; ++c)
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    // Room for several rows whatever the summary says; the summary is one short line (the
    // missed targets are marked in the table, the full list in its tooltip).
    table_->setMinimumHeight(table_->horizontalHeader()->sizeHint().height() +
                             4 * table_->verticalHeader()->defaultSectionSize() +
                             table_->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
    layout->addWidget(table_, 1);
    summary_ = new QLabel(tr("Measure a trained model's solos against its corpus."), this);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    // Results belong to one model: another model (opened, trained, or none) clears them.
    connect(document_, &StudioDocument::modelChanged, this, [this] {
        if (document_->model() == measured_)
            return;
        measured_.reset();
        table_->setRowCount(0);
        if (!worker_)
            summary_->setText(tr("Measure a trained model's solos against its corpus."));
    });
    connect(measure_, &QPushButton::clicked, this, [this] {
        QString error;
        if (!measure(&error))
            Q_EMIT errorOccurred(error);
    });
}

QualityPanel::~QualityPanel() {
    if (worker_) {
        job_->cancel = true;
        worker_->wait();
        delete worker_;
    }
}

void QualityPanel::setSolos(int n) { solos_->setValue(n); }

bool QualityPanel::measure(QString* error) {
    if (worker_) {
        *error = tr("A measurement is already running.");
        return false;
    }
    std::shared_ptr<const model::TrainedModel> model;
    generate::Progression prog;
    if (!progression_->generationInputs(&model, &prog, error))
        return false;
    if (!studio::modelCorpusLine(*model)) {
        *error = tr("This model file does not keep its corpus melody (it was saved by an older "
                    "version); train it again to measure it.");
        return false;
    }
    job_ = std::make_shared<Job>();
    job_->model = model;
    studio::EvaluationPlan plan; // seeds 0..n-1, the studio's generation
    plan.solos = solos_->value();
    plan.generation.sampling.temperature = temperature_->value();
    // The worker holds its own references: the document may drop the model meanwhile.
    // Progress reaches the panel queued; the destructor joins the worker before the panel goes.
    auto progress = [this](int done, int total) {
        QMetaObject::invokeMethod(this, [this, done, total] {
            summary_->setText(tr("Generating and scoring: %1 of %2 solos…").arg(done).arg(total));
            Q_EMIT solosGenerated(done, total);
        }, Qt::QueuedConnection);
    };
    worker_ = QThread::create([job = job_, model, p = std::move(prog), plan, progress] {
        try {
            job->outcome = studio::runEvaluation(*model, p, plan, progress, &job->cancel);
            job->done = !job->outcome.cancelled;
        } catch (const std::exception& e) {
            job->error = QString::fromStdString(e.what());
        }
    });
    worker_->setObjectName("quality");
    connect(worker_, &QThread::finished, this, &QualityPanel::finish);
    measure_->setEnabled(false);
    summary_->setText(tr("Generating and scoring %1 solos…").arg(plan.solos));
    worker_->start(QThread::LowPriority);
    return true;
}

void QualityPanel::finish() {
    worker_->wait();
    delete worker_;
    worker_ = nullptr;
    measure_->setEnabled(true);
    const auto job = std::move(job_);
    if (!job->error.isEmpty()) {
        summary_->setText(tr("Measuring failed: %1").arg(job->error)); // shown once, here
        return;
    }
    if (job->done && job->model == document_->model()) { // else the model changed meanwhile
        measured_ = job->model;
        showReport(job->outcome);
    } else if (job->done) {
        summary_->setText(tr("The model changed while measuring: measure again."));
    }
}

void QualityPanel::showReport(const studio::EvaluationOutcome& outcome) {
    const evaluate::Report& r = outcome.report;
    table_->setRowCount(0);
    auto cell = [](double v) {
        auto* item =
            new QTableWidgetItem(std::isnan(v) ? QString("-") : QString::number(v, 'f', 2));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    const auto& checks = outcome.targets;
    // Each target belongs to the feature it names: its row gets the mark.
    auto targetsOf = [&](const std::string& k) {
        std::vector<const evaluate::TargetCheck*> out;
        for (const auto& t : checks)
            if (t.name.rfind(k + ":", 0) == 0 || t.name.rfind(k + " ", 0) == 0 ||
                t.name.rfind("overlap " + k + " ", 0) == 0)
                out.push_back(&t);
        return out;
    };
    for (const auto& [k, v] : r.solos) {
        const int row = table_->rowCount();
        table_->insertRow(row);
        const FeatureText text = featureText(k);
        auto* name = new QTableWidgetItem(text.name);
        name->setToolTip(
            tr("<b>%1</b><br>%2").arg(text.name.toHtmlEscaped(), text.help.toHtmlEscaped()));
        table_->setItem(row, 0, name);
        const auto c = r.corpus.find(k);
        const auto o = r.overlap.find(k);
        table_->setItem(row, 1, cell(c == r.corpus.end() ? NAN : c->second));
        table_->setItem(row, 2, cell(v));
        auto* overlap = cell(o == r.overlap.end() ? NAN : o->second);
        if (o != r.overlap.end() && o->second < 0.6)
            overlap->setForeground(Qt::red);
        table_->setItem(row, 3, overlap);
        const auto targets = targetsOf(k);
        bool allMet = true;
        QStringList lines;
        for (const auto* t : targets) {
            allMet = allMet && t->met;
            lines << (t->met ? "✓ " : "✗ ") + targetText(t->name);
        }
        auto* mark = new QTableWidgetItem(targets.empty() ? QString() : allMet ? "✓" : "✗");
        mark->setTextAlignment(Qt::AlignCenter);
        mark->setForeground(allMet ? QColor(0, 120, 0) : QColor(Qt::red));
        mark->setToolTip(lines.join('\n'));
        table_->setItem(row, 4, mark);
    }
    int met = 0;
    QStringList missed;
    for (const auto& t : checks) {
        met += t.met;
        if (!t.met)
            missed << targetText(t.name);
    }
    summary_->setText(missed.isEmpty()
                          ? tr("All %1 quality targets met.").arg(checks.size())
                          : tr("%1 of %2 quality targets met; the rows marked ✗ missed theirs.")
                                .arg(met)
                                .arg(checks.size()));
    summary_->setToolTip(missed.isEmpty() ? QString() : tr("Missed:\n%1").arg(missed.join('\n')));
    Q_EMIT measured(met, int(checks.size()));
}

} // namespace jazz::ui
