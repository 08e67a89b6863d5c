#include "CliSupport.h"

#include "Error.h"
#include "chart/ChordChart.h"

#include <QJsonDocument>

namespace jazz::app {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

QString json(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool parseArgs(QCommandLineParser& p, const QStringList& args, const char* name,
               const char* usage, int minPositional, int maxPositional, int* exitCode) {
    p.addHelpOption();
    if (!p.parse(args)) {
        err() << "jazz-studio " << name << ": " << p.errorText() << "\nusage: " << usage << "\n";
        *exitCode = 2;
        return false;
    }
    if (p.isSet("help")) {
        out() << "usage: " << usage << "\n\n" << p.helpText();
        *exitCode = 0;
        return false;
    }
    const int n = int(p.positionalArguments().size());
    if (n < minPositional || n > maxPositional) {
        err() << "jazz-studio " << name << ": wrong number of arguments\nusage: " << usage << "\n";
        *exitCode = 2;
        return false;
    }
    return true;
}

int intOption(const QCommandLineParser& p, const char* name, int fallback, int lo, int hi) {
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw Error(std::string("--") + name + " expects a whole number from " + std::to_string(lo) +
                    " to " + std::to_string(hi) + ", got '" + p.value(name).toStdString() + "'");
    return v;
}

double doubleOption(const QCommandLineParser& p, const char* name, double fallback, double lo,
                    double hi) {
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok || v < lo || v > hi)
        throw Error(std::string("--") + name + " expects a number from " + std::to_string(lo) +
                    " to " + std::to_string(hi) + ", got '" + p.value(name).toStdString() + "'");
    return v;
}

void addCorpusOptions(QCommandLineParser& p) {
    p.addOption({"melody-track", "Melody track: index or name.", "T"});
    p.addOption({"chord-track", "Chord track (MusicXML: the part whose <harmony> to read).", "T"});
    p.addOption(
        {"melody-part", "MusicXML melody part: index, id or name, optionally :VOICE.", "P"});
    p.addOption({"window", "Keep onsets in quarter notes A..B.", "A:B"});
    p.addOption({"chords", "The changes of a melody-only file, bar by bar: \"| Dm7 G7 | Cmaj7 |\".",
                 "TEXT"});
    p.addOption(
        {"chords-file", "The changes of a melody-only file, from a chord-chart file.", "TUNE.txt"});
}

corpus::ImportOptions corpusOptions(const QCommandLineParser& p) {
    corpus::ImportOptions o;
    o.melodyTrack = p.value("melody-track").toStdString();
    o.chordTrack = p.value("chord-track").toStdString();
    o.melodyPart = p.value("melody-part").toStdString();
    if (p.isSet("window")) {
        const auto [a, b] = corpus::parseWindow(p.value("window").toStdString());
        o.windowStart = a;
        o.windowEnd = b;
    }
    if (p.isSet("chords") && p.isSet("chords-file"))
        throw Error("give --chords or --chords-file, not both");
    if (p.isSet("chords"))
        o.chords = chart::parseChordChart(p.value("chords").toStdString(), "--chords");
    if (p.isSet("chords-file"))
        o.chords = chart::readChordChart(p.value("chords-file").toStdString());
    return o;
}

} // namespace jazz::app
