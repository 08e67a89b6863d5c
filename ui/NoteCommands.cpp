#include "NoteCommands.h"

namespace jazz::ui {

EditNoteCommand::EditNoteCommand(StudioDocument* doc, int take, int note,
                                 const generate::SoloNote& before, const generate::SoloNote& after,
                                 const QString& text)
    : QUndoCommand(text), doc_(doc), take_(take), note_(note), before_(before), after_(after) {}

AddNoteCommand::AddNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& n)
    : QUndoCommand(QObject::tr("Draw note")), doc_(doc), take_(take), note_(note), note__(n) {}

DeleteNoteCommand::DeleteNoteCommand(StudioDocument* doc, int take, int note)
    : QUndoCommand(QObject::tr("Delete note")), doc_(doc), take_(take), note_(note),
      note__(doc->take(take).arrangement.solo.notes.at(size_t(note))) {}

} // namespace jazz::ui
