// Undoable edits on a take, applied through the document (by take and note index): notes, and
// whole solos (regenerate, continue) or bar records (locks) as one step each. A note edit's
// undo also restores the bar records it changed (a bar marked edited goes back to generated).
#pragma once

#include "StudioDocument.h"

#include <QUndoCommand>

namespace jazz::ui {

// Keeps the take's bar records from before its redo, to put back on undo.
class NoteCommandBase : public QUndoCommand {
protected:
    NoteCommandBase(StudioDocument* doc, int take, const QString& text)
        : QUndoCommand(text), doc_(doc), take_(take) {}
    void keepRecords() { records_ = doc_->take(take_).arrangement.solo.bars; }
    void restoreRecords() { doc_->setBarRecords(take_, records_); }
    StudioDocument* doc_;
    int take_;

private:
    std::vector<generate::TakeBar> records_;
};

class EditNoteCommand : public NoteCommandBase {
public:
    EditNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& before,
                    const generate::SoloNote& after, const QString& text);
    void undo() override {
        doc_->setNote(take_, note_, before_);
        restoreRecords();
    }
    void redo() override {
        keepRecords();
        doc_->setNote(take_, note_, after_);
    }

private:
    int note_;
    generate::SoloNote before_, after_;
};

class AddNoteCommand : public NoteCommandBase {
public:
    AddNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& n);
    void undo() override {
        doc_->removeNote(take_, note_);
        restoreRecords();
    }
    void redo() override {
        keepRecords();
        doc_->insertNote(take_, note_, note__);
    }

private:
    int note_;
    generate::SoloNote note__;
};

class DeleteNoteCommand : public NoteCommandBase {
public:
    DeleteNoteCommand(StudioDocument* doc, int take, int note);
    void undo() override {
        doc_->insertNote(take_, note_, note__);
        restoreRecords();
    }
    void redo() override {
        keepRecords();
        doc_->removeNote(take_, note_);
    }

private:
    int note_;
    generate::SoloNote note__;
};

// A whole solo replaced (regenerate, continue): notes and bar records in one step.
class ReplaceSoloCommand : public QUndoCommand {
public:
    ReplaceSoloCommand(StudioDocument* doc, int take, generate::Solo before, generate::Solo after,
                       const QString& text);
    void undo() override { doc_->setSolo(take_, before_); }
    void redo() override { doc_->setSolo(take_, after_); }

private:
    StudioDocument* doc_;
    int take_;
    generate::Solo before_, after_;
};

// Bar records replaced (locking and unlocking bars).
class SetBarRecordsCommand : public QUndoCommand {
public:
    SetBarRecordsCommand(StudioDocument* doc, int take, std::vector<generate::TakeBar> after,
                         const QString& text);
    void undo() override { doc_->setBarRecords(take_, before_); }
    void redo() override { doc_->setBarRecords(take_, after_); }

private:
    StudioDocument* doc_;
    int take_;
    std::vector<generate::TakeBar> before_, after_;
};

} // namespace jazz::ui
