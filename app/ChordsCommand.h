// `jazz-studio chords`: reads a chord chart bar by bar and prints each chord's normalised name
// and voicing, and every symbol it refuses with its bar and why.
#pragma once

#include <QStringList>

namespace jazz::app {

// Exit code 0 when every symbol was read, 1 when any was refused (or the input is unreadable),
// 2 for a wrong command line.
int runChordsCommand(const QStringList& arguments);

} // namespace jazz::app
