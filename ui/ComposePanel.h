// Composing on the current take, beside Improvise: Regenerate the bars selected in the piano
// roll's bar ruler (Ctrl+R again: the same bars, the next seed), Lock them so nothing the model
// does changes them, and Continue the take by N bars primed by all of it. The model runs on a
// worker thread (studio::runGeneration), the GUI never waits; each change is one undo step
// (notes and bar records together). The actions also sit in the ruler's and the roll's
// context menus.
#pragma once

#include "studio/GenerationJob.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QPushButton;
class QSpinBox;
class QThread;
class QUndoStack;

namespace jazz::ui {

class ElidedLabel;
class PianoRoll;
class ProgressionPanel;
class StudioDocument;

class ComposePanel : public QWidget {
    Q_OBJECT
public:
    ComposePanel(StudioDocument* document, ProgressionPanel* progression, PianoRoll* roll,
                 QUndoStack* undo, QWidget* parent = nullptr);
    ~ComposePanel() override;

    // Each starts the model on a worker and returns; false with *error when it cannot start
    // (no model, no take, no bars selected, all of them locked, a job already running).
    // Regenerate: the ruler's bars, from the seed box's seed (which then moves on by one).
    bool regenerate(QString* error);
    // The bars last regenerated, again, from the seed box's seed (a new one after a run).
    bool regenerateAgain(QString* error);
    // Continue: continueBars() more bars over the chart's next bars (looping the form, see
    // studio::continuationChords), the model primed with the whole take.
    bool continueTake(QString* error);
    // "Continue my idea": the take's first `keepBars` bars as they are (a phrase just recorded
    // ends there), then `count` bars over the chart's next bars, the model primed with them;
    // the bars after the phrase are replaced (one undo step).
    bool continueFrom(int keepBars, int count, QString* error);
    // Locks the selected bars, or unlocks them when all are locked (one undo step).
    void toggleLock();
    bool isBusy() const { return worker_ != nullptr; }

    QSpinBox* seed() const { return seed_; }
    QSpinBox* continueBars() const { return continueBars_; }
    QPushButton* regenerateButton() const { return regenerateButton_; }
    QPushButton* continueButton() const { return continueButton_; }
    QPushButton* lockButton() const { return lockButton_; }
    QAction* regenerateAction() const { return regenerate_; }
    QAction* regenerateAgainAction() const { return again_; }
    QAction* lockAction() const { return lock_; }
    QAction* continueAction() const { return continue_; }
    QString status() const;

Q_SIGNALS:
    void errorOccurred(const QString& message);
    void finished(bool applied); // a job's result was applied (or it failed / was dropped)

private:
    bool start(studio::GenerationPlan plan, const QString& what, QString* error);
    // Continue by `count` bars after `bars` bars of the form: the take cut after `cutAt` bars,
    // or (none) the whole take as it is.
    bool continueAfter(std::optional<int> cutAt, int bars, int count, const QString& what,
                       QString* error);
    void finish();
    void updateActions();
    std::optional<std::pair<int, int>> selection() const;
    void report(const QString& text);

    StudioDocument* document_;
    ProgressionPanel* progression_;
    PianoRoll* roll_;
    QUndoStack* undo_;
    QSpinBox *seed_, *continueBars_;
    QPushButton *regenerateButton_, *continueButton_, *lockButton_;
    QAction *regenerate_, *again_, *lock_, *continue_;
    ElidedLabel* status_;

    // The running job: where it applies, what it started from, and what it made.
    struct Outcome {
        generate::Solo solo;
        std::string error;
    };
    QThread* worker_ = nullptr;
    std::shared_ptr<Outcome> outcome_;
    int jobTake_ = -1;
    generate::Solo jobBefore_;
    QString jobText_;
    std::optional<std::pair<int, int>> lastRange_; // for Ctrl+R
};

} // namespace jazz::ui
