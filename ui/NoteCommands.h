// Undoable note edits on a take, applied through the document (by take and note index).
#pragma once

#include "StudioDocument.h"

#include <QUndoCommand>

namespace jazz::ui {

class EditNoteCommand : public QUndoCommand {
public:
    EditNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& before,
                    const generate::SoloNote& after, const QString& text);
    void undo() override { doc_->setNote(take_, note_, before_); }
    void redo() override { doc_->setNote(take_, note_, after_); }

private:
    StudioDocument* doc_;
    int take_, note_;
    generate::SoloNote before_, after_;
};

class AddNoteCommand : public QUndoCommand {
public:
    AddNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& n);
    void undo() override { doc_->removeNote(take_, note_); }
    void redo() override { doc_->insertNote(take_, note_, note__); }

private:
    StudioDocument* doc_;
    int take_, note_;
    generate::SoloNote note__;
};

class DeleteNoteCommand : public QUndoCommand {
public:
    DeleteNoteCommand(StudioDocument* doc, int take, int note);
    void undo() override { doc_->insertNote(take_, note_, note__); }
    void redo() override { doc_->removeNote(take_, note_); }

private:
    StudioDocument* doc_;
    int take_, note_;
    generate::SoloNote note__;
};

} // namespace jazz::ui
