#include "ComposePanel.h"

#include "BarRuler.h"
#include "ElidedLabel.h"
#include "Error.h"
#include "NoteCommands.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "compose/Recording.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {
QString rangeText(int first, int last) {
    return QString::fromStdString(studio::barRangeText(first, last));
}
} // namespace

ComposePanel::ComposePanel(StudioDocument* document, ProgressionPanel* progression, PianoRoll* roll,
                           QUndoStack* undo, QWidget* parent)
    : QWidget(parent), document_(document), progression_(progression), roll_(roll), undo_(undo) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Compose</b>"), this));
    regenerate_ = new QAction(tr("&Regenerate selected bars"), this);
    regenerate_->setObjectName("regenerateAction");
    regenerate_->setToolTip(tr("Improvise the bars selected in the ruler again; the others keep "
                               "every note"));
    again_ = new QAction(tr("Regenerate &again (new seed)"), this);
    again_->setObjectName("regenerateAgainAction");
    again_->setShortcut(QKeySequence(tr("Ctrl+R")));
    lock_ = new QAction(tr("&Lock / unlock selected bars"), this);
    lock_->setObjectName("lockBarsAction");
    lock_->setShortcut(QKeySequence(tr("Ctrl+L")));
    continue_ = new QAction(tr("&Continue the take"), this);
    continue_->setObjectName("continueAction");
    for (QAction* a : {regenerate_, again_, lock_, continue_})
        a->setShortcutContext(Qt::WindowShortcut);
    addAction(again_); // the shortcuts work wherever the window has focus
    addAction(lock_);

    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1 << 30);
    seed_->setValue(1);
    seed_->setToolTip(tr("The seed of the next regenerate or continue; it moves on after each"));
    continueBars_ = new QSpinBox(this);
    continueBars_->setRange(1, 64);
    continueBars_->setValue(4);
    continueBars_->setSuffix(tr(" bars"));
    regenerateButton_ = new QPushButton(tr("Regenerate"), this);
    lockButton_ = new QPushButton(tr("Lock"), this);
    continueButton_ = new QPushButton(tr("Continue"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(regenerateButton_);
    buttons->addWidget(lockButton_);
    layout->addLayout(buttons);
    auto* form = new QFormLayout;
    auto* cont = new QHBoxLayout;
    cont->addWidget(continueBars_);
    cont->addWidget(continueButton_);
    form->addRow(tr("Continue by"), cont);
    form->addRow(tr("Seed"), seed_);
    layout->addLayout(form);
    status_ = new ElidedLabel(this);
    layout->addWidget(status_);

    auto run = [this](bool (ComposePanel::*f)(QString*)) {
        return [this, f] {
            QString error;
            if (!(this->*f)(&error))
                Q_EMIT errorOccurred(error);
        };
    };
    connect(regenerate_, &QAction::triggered, this, run(&ComposePanel::regenerate));
    connect(again_, &QAction::triggered, this, run(&ComposePanel::regenerateAgain));
    connect(continue_, &QAction::triggered, this, run(&ComposePanel::continueTake));
    connect(lock_, &QAction::triggered, this, &ComposePanel::toggleLock);
    connect(regenerateButton_, &QPushButton::clicked, regenerate_, &QAction::trigger);
    connect(lockButton_, &QPushButton::clicked, lock_, &QAction::trigger);
    connect(continueButton_, &QPushButton::clicked, continue_, &QAction::trigger);

    // The ruler's and the roll's context menus offer them too.
    for (QWidget* w : {static_cast<QWidget*>(roll_->ruler()), static_cast<QWidget*>(roll_)})
        w->addActions({regenerate_, again_, lock_, continue_});

    connect(roll_->ruler(), &BarRuler::selectionChanged, this, &ComposePanel::updateActions);
    connect(roll_->ruler(), &BarRuler::lockToggleRequested, this, &ComposePanel::toggleLock);
    connect(document_, &StudioDocument::modelChanged, this, &ComposePanel::updateActions);
    connect(document_, &StudioDocument::takeEdited, this, &ComposePanel::updateActions);
    connect(document_, &StudioDocument::currentTakeChanged, this, [this] {
        lastRange_.reset();
        updateActions();
    });
    updateActions();
}

ComposePanel::~ComposePanel() {
    if (worker_) { // a bar or a few: moments, not worth cancelling
        worker_->wait();
        delete worker_;
    }
}

std::optional<std::pair<int, int>> ComposePanel::selection() const {
    return roll_->ruler()->selection();
}

QString ComposePanel::status() const {
    return status_->text();
}

void ComposePanel::report(const QString& text) {
    status_->setText(text);
}

void ComposePanel::updateActions() {
    const int take = document_->currentTake();
    const bool ready = document_->model() && take >= 0 && !isBusy();
    const auto sel = selection();
    regenerate_->setEnabled(ready && sel.has_value());
    again_->setEnabled(ready && lastRange_.has_value());
    continue_->setEnabled(ready);
    lock_->setEnabled(take >= 0 && sel.has_value());
    bool allLocked = sel.has_value() && take >= 0;
    if (allLocked) {
        const auto& bars = document_->take(take).arrangement.solo.bars;
        for (int b = sel->first; b <= sel->second; ++b)
            allLocked = allLocked && b < int(bars.size()) && bars[size_t(b)].locked;
    }
    lockButton_->setText(allLocked ? tr("Unlock") : tr("Lock"));
    regenerateButton_->setEnabled(regenerate_->isEnabled());
    continueButton_->setEnabled(continue_->isEnabled());
    lockButton_->setEnabled(lock_->isEnabled());
    if (!isBusy() && status_->text().isEmpty() && take >= 0 && !sel)
        report(tr("Drag across the bar numbers to select bars"));
}

bool ComposePanel::regenerate(QString* error) {
    const auto sel = selection();
    if (!sel) {
        *error = tr("Select bars first: drag across the bar numbers above the piano roll.");
        return false;
    }
    const int take = document_->currentTake();
    if (take < 0) {
        *error = tr("Generate a take first.");
        return false;
    }
    studio::GenerationPlan plan;
    plan.kind = studio::GenerationKind::Regenerate;
    plan.first = sel->first;
    plan.last = sel->second;
    if (!start(plan, tr("Regenerate %1").arg(rangeText(sel->first, sel->second)), error))
        return false;
    lastRange_ = sel;
    return true;
}

bool ComposePanel::regenerateAgain(QString* error) {
    if (!lastRange_) {
        *error = tr("Regenerate some bars first; Ctrl+R then tries them again with a new seed.");
        return false;
    }
    studio::GenerationPlan plan;
    plan.kind = studio::GenerationKind::Regenerate;
    plan.first = lastRange_->first;
    plan.last = lastRange_->second;
    return start(plan, tr("Regenerate %1").arg(rangeText(plan.first, plan.last)), error);
}

bool ComposePanel::continueTake(QString* error) {
    const int take = document_->currentTake();
    const int bars =
        take < 0 ? 0 : int(document_->take(take).arrangement.solo.progression.bars.size());
    const int count = continueBars_->value();
    return continueAfter(std::nullopt, bars, count,
                         tr("Continue by %n bar(s)", nullptr, count), error);
}

bool ComposePanel::continueFrom(int keepBars, int count, QString* error) {
    return continueAfter(keepBars, keepBars, count,
                         tr("Continue my idea by %n bar(s)", nullptr, count), error);
}

bool ComposePanel::continueAfter(std::optional<int> cutAt, int bars, int count,
                                 const QString& what, QString* error) {
    const int take = document_->currentTake();
    if (take < 0) {
        *error = cutAt ? tr("Record or generate a take first.") : tr("Generate a take first.");
        return false;
    }
    const auto form = progression_->progression(error);
    if (!form)
        return false;
    studio::GenerationPlan plan;
    plan.kind = studio::GenerationKind::Continue;
    if (cutAt) // else start() takes the whole take
        plan.take = compose::firstBars(document_->take(take).arrangement.solo, *cutAt);
    try {
        plan.progression = studio::continuationChords(*form, bars, count);
    } catch (const Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return start(plan, what, error);
}

bool ComposePanel::start(studio::GenerationPlan plan, const QString& what, QString* error) {
    const auto model = document_->model();
    const int take = document_->currentTake();
    if (!model) {
        *error = tr("Train or open a model first.");
        return false;
    }
    if (take < 0) {
        *error = tr("Generate a take first.");
        return false;
    }
    if (isBusy()) {
        *error = tr("The model is still busy with %1.").arg(jobText_.toLower());
        return false;
    }
    const session::Take& t = document_->take(take);
    if (plan.take.progression.bars.empty()) // else the caller's (continueFrom: a part of it)
        plan.take = t.arrangement.solo;
    plan.options.seed = uint32_t(seed_->value());
    plan.options.sampling.temperature = t.temperature; // the take's own
    try {
        (void)studio::barsToImprovise(plan); // refuses a plan that cannot run, at once
    } catch (const Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    jobTake_ = take;
    jobBefore_ = t.arrangement.solo;
    jobText_ = what;
    outcome_ = std::make_shared<Outcome>();
    worker_ = QThread::create([model, plan = std::move(plan), out = outcome_] {
        try {
            out->solo = studio::runGeneration(*model, plan);
        } catch (const Error& e) {
            out->error = e.what();
        }
    });
    connect(worker_, &QThread::finished, this, &ComposePanel::finish);
    report(tr("%1 (seed %2)…").arg(what).arg(seed_->value()));
    seed_->setValue(seed_->value() + 1); // the next run differs
    updateActions();
    worker_->start();
    return true;
}

void ComposePanel::finish() {
    worker_->wait();
    delete worker_;
    worker_ = nullptr;
    const auto out = std::move(outcome_);
    bool applied = false;
    if (!out->error.empty()) {
        report(QString()); // the error is shown once, by whoever shows errors
        Q_EMIT errorOccurred(QString::fromStdString(out->error));
    } else if (jobTake_ != document_->currentTake()) {
        // The undo stack now belongs to another take: the result is not put where no undo
        // reaches it.
        report(QString());
        Q_EMIT errorOccurred(
            tr("Another take was chosen while the model was playing; %1 again on this one.")
                .arg(jobText_.toLower()));
    } else if (jobTake_ >= document_->takeCount() ||
               document_->take(jobTake_).arrangement.solo.notes != jobBefore_.notes ||
               document_->take(jobTake_).arrangement.solo.bars != jobBefore_.bars) {
        // Edited (or gone) while the model played: the result would undo that edit.
        report(QString());
        Q_EMIT errorOccurred(
            tr("The take changed while the model was playing; %1 again.").arg(jobText_.toLower()));
    } else {
        undo_->push(new ReplaceSoloCommand(document_, jobTake_, jobBefore_, out->solo, jobText_));
        report(tr("%1: done").arg(jobText_));
        applied = true;
    }
    updateActions();
    Q_EMIT finished(applied);
}

void ComposePanel::toggleLock() {
    const int take = document_->currentTake();
    const auto sel = selection();
    if (take < 0 || !sel)
        return;
    auto bars = document_->take(take).arrangement.solo.bars;
    bool allLocked = true;
    for (int b = sel->first; b <= sel->second && b < int(bars.size()); ++b)
        allLocked = allLocked && bars[size_t(b)].locked;
    for (int b = sel->first; b <= sel->second && b < int(bars.size()); ++b)
        bars[size_t(b)].locked = !allLocked;
    const QString text =
        (allLocked ? tr("Unlock %1") : tr("Lock %1")).arg(rangeText(sel->first, sel->second));
    undo_->push(new SetBarRecordsCommand(document_, take, std::move(bars), text));
    report(text);
    updateActions();
}

} // namespace jazz::ui
