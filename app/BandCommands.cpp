#include "BandCommands.h"

#include "CliSupport.h"
#include "Error.h"
#include "accompany/Accompaniment.h"
#include "accompany/StyleLibrary.h"

#include <QJsonArray>

namespace jazz::app {

int runStylesCommand(const QStringList& args) {
    const char* usage = "jazz-studio styles [--json]";
    QCommandLineParser p;
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "styles", usage, 0, 0, &code))
        return code;
    try {
        if (accompany::findMma().empty())
            throw Error(accompany::mmaMissingMessage());
        const auto styles = accompany::readStyles(accompany::defaultStyleDirectory());
        if (p.isSet("json")) {
            QJsonArray list;
            for (const auto& s : styles)
                list.append(QJsonObject{{"name", QString::fromStdString(s.name)},
                                        {"description", QString::fromStdString(s.description)},
                                        {"beats_per_bar", s.beatsPerBar}});
            out() << json({{"styles", list}, {"default", accompany::kDefaultStyle}}) << "\n";
        } else {
            for (const auto& s : styles)
                out() << QString::fromStdString(s.name).leftJustified(22) << ' '
                      << (s.beatsPerBar != 4 ? QString("(%1/4) ").arg(s.beatsPerBar) : QString())
                      << QString::fromStdString(s.description)
                      << (s.name == accompany::kDefaultStyle ? " [default]" : "") << "\n";
            out() << styles.size() << " styles from MMA's library "
                  << QString::fromStdString(accompany::defaultStyleDirectory()) << "\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio styles: " << e.what() << "\n";
        return 1;
    }
}

void addBandOptions(QCommandLineParser& p) {
    p.addOption({"style",
                 QString("The band's groove, from `jazz-studio styles` (default %1; "
                         "%2 in 3/4).")
                     .arg(accompany::kDefaultStyle, accompany::kDefaultWaltzStyle),
                 "NAME"});
    p.addOption({"band", "'none': the solo over block chords, no band (default: mma).", "none"});
    p.addOption({"swing",
                 "Swing ratio of the solo's eighth pairs, 1 (straight) to 3 "
                 "(default: follows the tempo, 1.65 at 130 bpm).",
                 "R"});
    p.addOption({"quantized", "Write the solo on the grid instead of as played."});
}

generate::SongOptions applyBandOptions(const QCommandLineParser& p, generate::Arrangement& take,
                                       uint32_t seed) {
    take.performance.seed = seed;
    take.performance.swing = doubleOption(p, "swing", 0, 1, 3);
    const QString band = p.value("band");
    if (!band.isEmpty() && band != "none" && band != "mma")
        throw Error("--band expects 'none' or 'mma', got '" + band.toStdString() + "'");
    if (band == "none") {
        if (p.isSet("style"))
            throw Error("--style needs a band: leave out --band none");
        take.band.clear();
        take.style.clear();
    } else {
        accompany::BandOptions o;
        o.style = p.value("style").toStdString();
        o.seed = seed;
        const auto result = accompany::accompany(take, o);
        if (!result.played)
            err() << "jazz-studio generate: " << QString::fromStdString(result.unavailable) << "\n";
        for (const auto& n : result.notes)
            err() << "jazz-studio generate: " << QString::fromStdString(n) << "\n";
    }
    generate::SongOptions s;
    s.quantized = p.isSet("quantized");
    return s;
}

QJsonObject bandSummary(const generate::Arrangement& take) {
    QJsonArray parts;
    for (const auto& name : take.partNames())
        parts.append(QString::fromStdString(name));
    return {{"style", QString::fromStdString(take.style)},
            {"parts", parts},
            {"swing", perform::swingRatio(take.performance, take.tempo)}};
}

} // namespace jazz::app
