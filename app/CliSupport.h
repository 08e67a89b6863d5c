// Shared pieces of the command-line tools: output streams, option parsing with clear errors.
#pragma once

#include "corpus/Import.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

namespace jazz::app {

QTextStream& out();
QTextStream& err();
QString json(const QJsonObject& o);

// Parses the command line; returns false (after printing why, or the help) when the command
// should stop with `*exitCode`.
bool parseArgs(QCommandLineParser& p, const QStringList& args, const char* name,
               const char* usage, int minPositional, int maxPositional, int* exitCode);
// Numeric options with ranges; throw jazz::Error naming the option and the bad value.
int intOption(const QCommandLineParser& p, const char* name, int fallback, int lo, int hi);
double doubleOption(const QCommandLineParser& p, const char* name, double fallback, double lo,
                    double hi);
// --melody-track, --chord-track, --melody-part, --window, --chords, --chords-file (the
// changes of a melody-only file).
void addCorpusOptions(QCommandLineParser& p);
corpus::ImportOptions corpusOptions(const QCommandLineParser& p);

} // namespace jazz::app
