// `jazz-studio styles` and the band's options of `generate` (--style, --band, --swing,
// --quantized): the command line's side of the rhythm section.
#pragma once

#include "generate/Arrangement.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

namespace jazz::app {

int runStylesCommand(const QStringList& arguments);

void addBandOptions(QCommandLineParser& p);
// Puts the band (or none) under the take as the options say and sets its performance; prints
// MMA's absence or the chord reductions once on stderr. Returns how to write the song
// (as played or --quantized). Throws jazz::Error for bad option values or an unknown style.
generate::SongOptions applyBandOptions(const QCommandLineParser& p, generate::Arrangement& take,
                                       uint32_t seed);
// "style", "parts" and "swing" for generate's --json summary.
QJsonObject bandSummary(const generate::Arrangement& take);

} // namespace jazz::app
