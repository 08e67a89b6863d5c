// `jazz-studio trade`: trading bars with a live player over MIDI ports, headless.
#pragma once

#include <QStringList>

namespace jazz::app {

int runTradeCommand(const QStringList& arguments);

} // namespace jazz::app
