#include "NoteCommands.h"

namespace jazz::ui {

EditNoteCommand::EditNoteCommand(StudioDocument* doc, int take, int note,
                                 const generate::SoloNote& before, const generate::SoloNote& after,
                                 const QString& text)
    : NoteCommandBase(doc, take, text), note_(note), before_(before), after_(after) {}

AddNoteCommand::AddNoteCommand(StudioDocument* doc, int take, int note, const generate::SoloNote& n)
    : NoteCommandBase(doc, take, QObject::tr("Draw note")), note_(note), note__(n) {}

DeleteNoteCommand::DeleteNoteCommand(StudioDocument* doc, int take, int note)
    : NoteCommandBase(doc, take, QObject::tr("Delete note")), note_(note),
      note__(doc->take(take).arrangement.solo.notes.at(size_t(note))) {}

ReplaceSoloCommand::ReplaceSoloCommand(StudioDocument* doc, int take, generate::Solo before,
                                       generate::Solo after, const QString& text)
    : QUndoCommand(text), doc_(doc), take_(take), before_(std::move(before)),
      after_(std::move(after)) {}

SetBarRecordsCommand::SetBarRecordsCommand(StudioDocument* doc, int take,
                                           std::vector<generate::TakeBar> after,
                                           const QString& text)
    : QUndoCommand(text), doc_(doc), take_(take), before_(doc->take(take).arrangement.solo.bars),
      after_(std::move(after)) {}

} // namespace jazz::ui
