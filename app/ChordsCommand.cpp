#include "ChordsCommand.h"

#include "CliSupport.h"
#include "Error.h"
#include "generate/Progression.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace jazz::app {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonArray pitchArray(const std::vector<int>& pitches) {
    QJsonArray a;
    for (int p : pitches)
        a.append(p);
    return a;
}

} // namespace

int runChordsCommand(const QStringList& args) {
    const char* usage = "jazz-studio chords (\"| Dm7 G7 | Cmaj7 | % |\" | --file F) [--json]";
    QCommandLineParser p;
    p.addPositionalArgument("CHART", "Chord symbols, bars separated by '|' (or line breaks).");
    p.addOption({"file", "Read the chart from a text file (a line break also ends a bar).", "F"});
    p.addOption({"json", "Print one JSON object: bars (symbol, name, pitches) and errors."});
    int code = 0;
    if (!parseArgs(p, args, "chords", usage, 0, 1, &code))
        return code;
    if (p.isSet("file") == (p.positionalArguments().size() == 1)) {
        err() << "jazz-studio chords: give the chart as one argument or with --file, not both"
              << "\nusage: " << usage << "\n";
        return 2;
    }
    std::string source; // the file, named in errors
    std::string text;
    if (p.isSet("file")) {
        source = p.value("file").toStdString() + ": ";
        QFile f(p.value("file"));
        if (!f.open(QIODevice::ReadOnly)) {
            err() << "jazz-studio chords: " << qs(source) << "cannot open (" << f.errorString()
                  << ")\n";
            return 1;
        }
        text = f.readAll().toStdString();
    } else {
        text = p.positionalArguments()[0].toStdString();
    }
    generate::ChordChart chart;
    try {
        chart = generate::Progression::readChart(text);
    } catch (const Error& e) {
        err() << "jazz-studio chords: " << qs(source) << e.what() << "\n";
        return 1;
    }

    if (p.isSet("json")) {
        QJsonArray bars;
        for (const auto& bar : chart.bars) {
            QJsonArray chords;
            for (const auto& c : bar)
                chords.append(QJsonObject{{"symbol", qs(c.text)},
                                          {"name", qs(c.chord.toString())},
                                          {"pitches", pitchArray(c.chord.voicing(3))}});
            bars.append(chords);
        }
        QJsonArray errors;
        for (const auto& e : chart.errors)
            errors.append(
                QJsonObject{{"bar", e.bar}, {"symbol", qs(e.symbol)}, {"reason", qs(e.reason)}});
        out() << json(QJsonObject{{"bars", bars}, {"errors", errors}}) << "\n";
    } else {
        for (size_t b = 0; b < chart.bars.size(); ++b) {
            out() << "bar " << QString::number(b + 1).rightJustified(4) << ":";
            for (const auto& c : chart.bars[b]) {
                out() << "  " << qs(c.chord.toString()) << " [";
                const auto pitches = c.chord.voicing(3);
                for (size_t i = 0; i < pitches.size(); ++i)
                    out() << (i ? " " : "") << pitches[i];
                out() << "]";
            }
            out() << "\n";
        }
        for (const auto& e : chart.errors)
            err() << "jazz-studio chords: " << qs(source) << "bar " << e.bar << ": "
                  << (e.symbol == "%" ? QString("'%' ") : "chord symbol '" + qs(e.symbol) + "': ")
                  << qs(e.reason) << "\n";
    }
    out().flush();
    err().flush();
    return chart.errors.empty() ? 0 : 1;
}

} // namespace jazz::app
