// `jazz-studio corpus FILE ...`: imports a MIDI solo and reports what the grammar makes of it.
#pragma once

#include <QStringList>

namespace jazz::app {

// Returns the process exit code; writes the report to stdout and errors to stderr.
int runCorpusCommand(const QStringList& arguments);

} // namespace jazz::app
