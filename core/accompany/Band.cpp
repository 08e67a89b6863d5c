#include "accompany/Band.h"

#include "accompany/MmaChart.h"
#include "accompany/StyleLibrary.h"
#include "midi/MidiFile.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>

namespace jazz::accompany {

namespace {

std::string titleCase(std::string s) {
    if (!s.empty())
        s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
    for (size_t i = 1; i < s.size(); ++i)
        s[i] = char(std::tolower(static_cast<unsigned char>(s[i])));
    return s;
}

// MMA names its MIDI tracks after the first MMA track on each channel: "Drum" or "Drum-Ride",
// "Walk", "Bass-Hits1", "Chord", "Chord-Guitar", "Arpeggio-Epiano", "Solo-Sax"...
std::string roleOf(const std::string& mmaName, std::string* detail) {
    const size_t dash = mmaName.find('-');
    const std::string kind = titleCase(mmaName.substr(0, dash));
    *detail = dash == std::string::npos ? "" : mmaName.substr(dash + 1);
    if (kind == "Drum")
        return "Drums";
    if (kind == "Walk" || kind == "Bass")
        return "Bass";
    if (kind == "Chord" || kind == "Plectrum")
        return "Comping";
    if (kind == "Solo" || kind == "Melody")
        return "Lead"; // "Solo" is the take's own part
    return kind;
}

// MMA's complaint, without its start-up chatter (warnings about plugins and the like).
std::string mmaComplaint(const QByteArray& output) {
    QStringList lines;
    bool inError = false;
    for (const QString& line : QString::fromUtf8(output).split('\n')) {
        if (line.startsWith("Error"))
            inError = true;
        else if (!line.startsWith(' '))
            inError = false;
        if (inError)
            lines << line.trimmed();
    }
    const QString text =
        lines.isEmpty() ? QString::fromUtf8(output).trimmed().right(300) : lines.join(' ');
    return text.toStdString();
}

} // namespace

std::string findMma(const std::string& program) {
    const QString name = QString::fromStdString(program.empty() ? "mma" : program);
    if (name.contains('/'))
        return QFileInfo(name).isExecutable() ? program : std::string();
    return QStandardPaths::findExecutable(name).toStdString();
}

std::string mmaMissingMessage() {
    return "MMA (Musical MIDI Accompaniment) is not installed: install the Debian package 'mma' "
           "(sudo apt-get install mma) for bass, drums and comping; until then takes play with "
           "block chords";
}

std::vector<midi::SongTrack> partsFromMma(const midi::Song& song) {
    std::vector<midi::SongTrack> parts;
    std::map<std::string, int> roleCount;
    std::vector<std::pair<std::string, std::string>> roles; // per kept track: role, detail
    for (const midi::SongTrack& t : song.tracks) {
        if (t.notes.empty())
            continue;
        std::string detail;
        const std::string role = t.channel == 9 ? "Drums" : roleOf(t.name, &detail);
        roles.push_back({role, detail});
        ++roleCount[role];
        parts.push_back(t);
    }
    // A role's plain track ("Chord") is "Comping"; its variants are "Comping (Guitar)". A role
    // with one track only gets the plain name whatever MMA called it.
    std::map<std::string, bool> plainTaken;
    for (size_t i = 0; i < parts.size(); ++i)
        if (roles[i].second.empty() || roleCount[roles[i].first] == 1)
            plainTaken[roles[i].first] = true;
    int next = 1; // channel index 0 is the solo's
    for (size_t i = 0; i < parts.size(); ++i) {
        auto& [role, detail] = roles[i];
        const bool plain = detail.empty() || roleCount[role] == 1;
        parts[i].name = plain ? role : role + " (" + detail + ")";
        if (!plain && !plainTaken[role]) { // no plain track: the first variant takes the name
            parts[i].name = role;
            plainTaken[role] = true;
        }
        int channel = 9;
        if (parts[i].channel != 9) {
            if (next == 9)
                ++next;
            channel = std::min(next++, 15); // MMA uses at most 16 channels: never more than 15 here
        }
        parts[i].channel = channel;
        for (auto& n : parts[i].notes)
            n.channel = channel;
    }
    // Bass, then drums, then the rest as MMA ordered them: the mixer reads like a band.
    auto rank = [](const midi::SongTrack& t) {
        return t.channel == 9 ? 1 : t.name == "Bass" ? 0 : 2;
    };
    std::stable_sort(parts.begin(), parts.end(),
                     [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    for (size_t i = 0; i < parts.size(); ++i)
        parts[i].index = int(i); // the part's place in the band (sessions keep the order)
    return parts;
}

Band playBand(const generate::Progression& progression, const BandOptions& options) {
    const std::string mma = findMma(options.program);
    if (mma.empty())
        throw BandUnavailable(mmaMissingMessage());
    std::vector<Style> styles;
    try {
        styles = readStyles(options.styleDirectory.empty() ? defaultStyleDirectory()
                                                           : options.styleDirectory);
    } catch (const Error& e) {
        throw BandUnavailable(e.what());
    }
    const std::string wanted =
        options.style.empty() ? defaultStyleFor(progression.beatsPerBar) : options.style;
    const Style* style = findStyle(styles, wanted);
    if (!style) {
        std::string names;
        for (const auto& n : closestStyles(styles, wanted))
            names += (names.empty() ? "" : ", ") + n;
        throw Error("unknown style '" + wanted + "'; closest: " + names +
                    " (jazz-studio styles lists them all)");
    }
    if (style->beatsPerBar != int(std::lround(progression.beatsPerBar)))
        throw Error("style '" + style->name + "' has " + std::to_string(style->beatsPerBar) +
                    " beats a bar, the progression " +
                    std::to_string(int(std::lround(progression.beatsPerBar))));

    Band band;
    band.style = style->name;
    const Chart chart = writeChart(progression, {style->name, options.tempo, options.seed});
    band.notes = chart.reductions;

    QTemporaryDir dir;
    if (!dir.isValid())
        throw BandUnavailable("cannot make a temporary folder for MMA: " +
                              dir.errorString().toStdString());
    const QString chartPath = dir.filePath("take.mma"), midiPath = dir.filePath("take.mid");
    {
        QFile f(chartPath);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(chart.text.data(), qint64(chart.text.size())) != qint64(chart.text.size()))
            throw BandUnavailable("cannot write MMA's chart " + chartPath.toStdString());
    }
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QString::fromStdString(mma), {"-w", chartPath, "-f", midiPath});
    if (!process.waitForStarted(options.timeoutMs))
        throw BandUnavailable("MMA (" + mma +
                              ") did not start: " + process.errorString().toStdString() +
                              "; install the Debian package 'mma'");
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        throw BandUnavailable("MMA (" + mma + ") did not finish within " +
                              std::to_string(options.timeoutMs / 1000) + " s and was stopped");
    }
    const QByteArray output = process.readAll();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 ||
        !QFileInfo(midiPath).isFile())
        throw BandUnavailable("MMA (package 'mma') failed on the chart: " + mmaComplaint(output));
    try {
        band.parts = partsFromMma(midi::toSong(midi::read(midiPath.toStdString())));
    } catch (const Error& e) {
        throw BandUnavailable(std::string("MMA's MIDI could not be read back: ") + e.what());
    }
    if (band.parts.empty())
        throw BandUnavailable("MMA played nothing for style '" + style->name + "'");
    return band;
}

} // namespace jazz::accompany
