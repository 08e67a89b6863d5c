#include "corpus/MusicXmlReader.h"

#include "Error.h"
#include "corpus/MusicXmlArchive.h"
#include "corpus/MusicXmlScore.h"

#include <QFile>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace jazz::corpus {

namespace {

constexpr double kEps = 1e-6;

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && lower(s.substr(s.size() - tail.size())) == tail;
}

std::string percent(double x) {
    return std::to_string(int(std::lround(x * 100))) + "%";
}

std::string partLabel(const RawPart& p, size_t index) {
    return "part " + std::to_string(index) + " \"" + (p.name.empty() ? p.id : p.name) + "\"" +
           (p.name.empty() ? "" : " (" + p.id + ")");
}

TrackInfo describe(const RawPart& p, size_t index) {
    TrackInfo t;
    t.index = int(index);
    t.name = p.name.empty() ? p.id : p.name;
    std::vector<const RawNote*> notes;
    for (const RawNote& n : p.notes)
        if (n.pitch >= 0 && !n.tieStop) // a tied-to note continues one already counted
            notes.push_back(&n);
    t.notes = int(notes.size());
    if (notes.empty())
        return t;
    std::stable_sort(notes.begin(), notes.end(),
                     [](const RawNote* a, const RawNote* b) { return a->start < b->start; });
    // A note sounds alone when no other starts with it and none still sounds (any voice).
    int alone = 0, inChords = 0;
    double latestEnd = -1, pitchSum = 0;
    for (size_t i = 0, j = 0; i < notes.size(); i = j) {
        while (j < notes.size() && notes[j]->start - notes[i]->start < kEps)
            ++j;
        const size_t together = j - i;
        const bool overlapped = latestEnd > notes[i]->start + kEps;
        for (size_t k = i; k < j; ++k) {
            pitchSum += notes[k]->pitch;
            latestEnd = std::max(latestEnd, notes[k]->start + notes[k]->duration);
        }
        if (together == 1 && !overlapped)
            ++alone;
        if (together >= 3)
            inChords += int(together);
    }
    t.monophony = double(alone) / double(notes.size());
    t.chordShare = double(inChords) / double(notes.size());
    t.meanPitch = pitchSum / double(notes.size());
    return t;
}

// A part by index, id or name (case-insensitive); -1 when none matches.
int findPart(const std::string& spec, const std::vector<RawPart>& parts) {
    const bool numeric =
        !spec.empty() && spec.size() < 6 && std::all_of(spec.begin(), spec.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        });
    if (numeric && std::stoi(spec) < int(parts.size()))
        return std::stoi(spec);
    for (size_t i = 0; i < parts.size(); ++i)
        if (lower(parts[i].id) == lower(spec) ||
            (!parts[i].name.empty() && lower(parts[i].name) == lower(spec)))
            return int(i);
    return -1;
}

std::map<std::string, int> voiceCounts(const RawPart& p) {
    std::map<std::string, int> v;
    for (const RawNote& n : p.notes)
        if (n.pitch >= 0)
            ++v[n.voice];
    return v;
}

// Chords a part plays: three or more pitches struck together, outside the melody's voice.
std::vector<RawHarmony> struckChords(const RawPart& part, const std::string& melodyVoice) {
    std::map<double, std::set<int>> at;
    for (const RawNote& n : part.notes)
        if (n.pitch >= 0 && !n.tieStop && n.voice != melodyVoice)
            at[std::round(n.start * 1e6) / 1e6].insert(n.pitch);
    std::vector<RawHarmony> out;
    for (const auto& [t, pitches] : at)
        if (pitches.size() >= 3)
            out.push_back({t, std::vector<int>(pitches.begin(), pitches.end())});
    return out;
}

size_t measureAt(const std::vector<RawMeasure>& measures, double t) {
    auto it = std::upper_bound(measures.begin(), measures.end(), t + kEps,
                               [](double x, const RawMeasure& m) { return x < m.start; });
    return it == measures.begin() ? 0 : size_t(it - measures.begin() - 1);
}

// The chosen voice as a line of notes, double stops and rests: tied notes joined, <chord/>
// notes stacked on the note before them, gaps (a voice that pauses without writing rests)
// filled with rests, from the first bar's start to the last bar's end.
std::vector<MelodyEvent> melodyLine(const RawPart& part, const std::string& voice) {
    std::vector<MelodyEvent> line;
    std::vector<bool> tieOn; // whether the last event's notes carry on
    for (const RawNote& n : part.notes) {
        if (n.voice != voice)
            continue;
        if (n.chord && !line.empty() && n.pitch >= 0 && line.back().kind != MelodyEvent::Rest &&
            std::abs(line.back().offset - n.start) < kEps) {
            MelodyEvent& e = line.back();
            if (std::find(e.pitches.begin(), e.pitches.end(), n.pitch) == e.pitches.end())
                e.pitches.push_back(n.pitch);
            e.kind = e.pitches.size() > 1 ? MelodyEvent::DoubleStop : MelodyEvent::Note;
            tieOn.back() = tieOn.back() && n.tieStart;
            continue;
        }
        if (n.pitch < 0) {
            line.push_back({MelodyEvent::Rest, n.start, n.duration, {}});
            tieOn.push_back(false);
            continue;
        }
        // A tie joins this note to the last one when it sounds the same pitch right after.
        if (!line.empty() && (n.tieStop || tieOn.back()) && line.back().kind == MelodyEvent::Note &&
            line.back().pitches.front() == n.pitch &&
            std::abs(line.back().offset + line.back().duration - n.start) < kEps) {
            line.back().duration += n.duration;
            tieOn.back() = n.tieStart;
            continue;
        }
        line.push_back({MelodyEvent::Note, n.start, n.duration, {n.pitch}});
        tieOn.push_back(n.tieStart);
    }
    std::stable_sort(line.begin(), line.end(), [](const MelodyEvent& a, const MelodyEvent& b) {
        return a.offset < b.offset;
    });
    std::vector<MelodyEvent> out;
    double t = part.measures.empty() ? 0 : part.measures.front().start;
    for (MelodyEvent& e : line) {
        if (e.duration <= kEps)
            continue;
        if (e.offset > t + kEps)
            out.push_back({MelodyEvent::Rest, t, e.offset - t, {}});
        else if (!out.empty() && e.offset < t - kEps) {
            // One voice should not overlap itself; when a file does, the later note wins.
            MelodyEvent& last = out.back();
            last.duration = e.offset - last.offset;
            if (last.duration <= kEps)
                out.pop_back();
        }
        t = e.offset + e.duration;
        out.push_back(std::move(e));
    }
    if (!part.measures.empty()) {
        const double end = part.measures.back().start + part.measures.back().length;
        if (end > t + kEps)
            out.push_back({MelodyEvent::Rest, t, end - t, {}});
    }
    return out;
}

} // namespace

bool isMusicXml(const std::string& path) {
    return endsWith(path, ".musicxml") || endsWith(path, ".mxl") || endsWith(path, ".xml");
}

LeadSheet readMusicXml(const std::string& path, const ImportOptions& options) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + f.errorString().toStdString());
    const QByteArray b = f.readAll();
    return parseMusicXml(std::vector<char>(b.begin(), b.end()), path, options);
}

LeadSheet parseMusicXml(const std::vector<char>& bytes, const std::string& source,
                        const ImportOptions& options) {
    const std::vector<char> xml = looksLikeZip(bytes) ? unpackMxl(bytes, source) : bytes;
    RawScore score = parseScore(QByteArray(xml.data(), qsizetype(xml.size())), source);
    auto& parts = score.parts;

    LeadSheet sheet;
    sheet.source = source;
    for (size_t i = 0; i < parts.size(); ++i)
        sheet.tracks.push_back(describe(parts[i], i));

    // The melody: a part and a voice.
    const std::string spec = options.melodyPart.empty() ? options.melodyTrack : options.melodyPart;
    std::string voice;
    if (!spec.empty()) {
        int p = findPart(spec, parts);
        const size_t colon = spec.rfind(':');
        if (p < 0 && colon != std::string::npos) {
            p = findPart(spec.substr(0, colon), parts);
            voice = spec.substr(colon + 1);
        }
        if (p < 0) {
            std::string list;
            for (size_t i = 0; i < parts.size(); ++i)
                list += (list.empty() ? " " : ", ") + partLabel(parts[i], i);
            throw Error(source + ": no part '" + spec + "'; the parts are" + list);
        }
        sheet.melodyTrack = p;
        sheet.melodyReason = "chosen by the user";
    } else {
        // Lead sheets put the chord symbols over the melody: a part with <harmony> is
        // preferred, unless it plays chords itself (a piano under a singer's line); then, as
        // for MIDI, the part whose notes sound alone, in a melody's register.
        auto score = [&](size_t i) {
            const TrackInfo& t = sheet.tracks[i];
            const std::string name = lower(t.name);
            double s = (parts[i].harmonies.empty() ? 0 : 2) + 2 * t.monophony - 2 * t.chordShare;
            if (t.meanPitch >= 55 && t.meanPitch <= 84)
                s += 0.5;
            if (t.meanPitch < 48 || name.find("bass") != std::string::npos)
                s -= 1.5;
            return s + 0.05 * std::log10(1.0 + t.notes);
        };
        for (size_t i = 0; i < parts.size(); ++i)
            if (sheet.tracks[i].notes > 0 &&
                (sheet.melodyTrack < 0 || score(i) > score(size_t(sheet.melodyTrack))))
                sheet.melodyTrack = int(i);
        if (sheet.melodyTrack < 0)
            throw Error(source + ": no part has any notes");
        const TrackInfo& t = sheet.tracks[size_t(sheet.melodyTrack)];
        sheet.melodyReason = std::string(parts[size_t(sheet.melodyTrack)].harmonies.empty()
                                             ? "most melodic"
                                             : "carries the chord symbols") +
                             ": " + percent(t.monophony) + " of its " + std::to_string(t.notes) +
                             " notes sound alone, " + percent(t.chordShare) + " in chords";
    }
    const RawPart& melodyPart = parts[size_t(sheet.melodyTrack)];
    const auto voices = voiceCounts(melodyPart);
    if (voice.empty()) {
        voice = "1";
        if (!voices.count("1"))
            for (const auto& [v, n] : voices)
                if (voice == "1" || n > voices.at(voice))
                    voice = v;
    } else if (!voices.count(voice)) {
        std::string list;
        for (const auto& [v, n] : voices)
            list += " " + v;
        throw Error(source + ": " + partLabel(melodyPart, size_t(sheet.melodyTrack)) +
                    " has no notes in voice '" + voice + "'" +
                    (list.empty() ? "" : "; voices with notes:" + list));
    }
    if (!voices.count(voice))
        throw Error(source + ": " + partLabel(melodyPart, size_t(sheet.melodyTrack)) +
                    " has no notes");
    sheet.melodyVoices = 1; // one voice is the melody; the reason tells how many there were
    sheet.melodyReason +=
        ", voice " + voice +
        (voices.size() > 1 ? " of " + std::to_string(voices.size()) : std::string());

    // The chords: the chosen part's, the melody part's, or the part with most symbols.
    int chordPart = -1;
    if (!options.chordTrack.empty()) {
        chordPart = findPart(options.chordTrack, parts);
        if (chordPart < 0)
            throw Error(source + ": no part '" + options.chordTrack + "' for the chords");
        sheet.chordReason = "chosen by the user";
    } else if (!melodyPart.harmonies.empty()) {
        chordPart = sheet.melodyTrack;
    } else {
        for (size_t i = 0; i < parts.size(); ++i)
            if (!parts[i].harmonies.empty() &&
                (chordPart < 0 ||
                 parts[i].harmonies.size() > parts[size_t(chordPart)].harmonies.size()))
                chordPart = int(i);
    }
    std::vector<RawHarmony> played; // chords read from notes when no part has symbols
    if (chordPart < 0 || parts[size_t(chordPart)].harmonies.empty()) {
        // No symbols: as with a MIDI file, the most chordal part's notes struck together (the
        // melody part's other voices count too: a pianist's left hand under the tune).
        if (chordPart < 0)
            for (size_t i = 0; i < parts.size(); ++i)
                if (sheet.tracks[i].chordShare >= 0.05 &&
                    (chordPart < 0 ||
                     sheet.tracks[i].chordShare > sheet.tracks[size_t(chordPart)].chordShare))
                    chordPart = int(i);
        if (chordPart >= 0)
            played = struckChords(parts[size_t(chordPart)],
                                  chordPart == sheet.melodyTrack ? voice : std::string());
        if (played.empty())
            throw Error(source + ": no chord symbols (<harmony> with a <root> and <kind>) in " +
                        (chordPart < 0 ? std::string("any part, and no part plays chords")
                                       : partLabel(parts[size_t(chordPart)], size_t(chordPart))));
        if (sheet.chordReason.empty())
            sheet.chordReason = "no chord symbols; most chordal: " +
                                percent(sheet.tracks[size_t(chordPart)].chordShare) +
                                " of its notes sound in chords of three or more";
    }
    sheet.chordTrack = chordPart;
    const RawPart& harmonyPart = parts[size_t(chordPart)];
    if (sheet.chordReason.empty())
        sheet.chordReason = "<harmony> chord symbols";
    if (played.empty())
        sheet.chordReason += ": " + std::to_string(harmonyPart.harmonies.size()) + " symbols";
    if (harmonyPart.skippedHarmonies)
        sheet.chordReason += ", " + std::to_string(harmonyPart.skippedHarmonies) +
                             " skipped (no root, or a kind we cannot read)";
    if (score.repeats || score.endings)
        sheet.remarks = "repeats left unexpanded (" + std::to_string(score.repeats) +
                        " repeat barlines, " + std::to_string(score.endings) +
                        " endings): every bar once, as written";

    // Bars as the melody part writes them.
    const auto& measures = melodyPart.measures;
    if (measures.empty())
        throw Error(source + ": " + partLabel(melodyPart, size_t(sheet.melodyTrack)) +
                    " has no measures");
    sheet.beatsPerBar = measures.size() > 1 ? measures[1].nominal : measures[0].nominal;
    const double lo = options.windowStart.value_or(-1e300);
    const double hi = options.windowEnd.value_or(1e300);
    auto inWindow = [&](double t) { return t >= lo - kEps && t <= hi + kEps; };

    std::vector<Measure> bars(measures.size());
    // Every bar in the window, also one that a note tied over from before fills entirely.
    std::vector<bool> used(measures.size(), false);
    for (size_t i = 0; i < measures.size(); ++i) {
        used[i] = inWindow(measures[i].start);
        bars[i].bar = int(i);
        bars[i].start = measures[i].start;
        bars[i].length = measures[i].length;
    }
    for (MelodyEvent& e : melodyLine(melodyPart, voice)) {
        if (!inWindow(e.offset))
            continue;
        const size_t m = measureAt(measures, e.offset);
        used[m] = true;
        bars[m].melody.push_back(std::move(e));
    }
    const auto& hs = played.empty() ? harmonyPart.harmonies : played;
    std::vector<RawHarmony> sorted(hs.begin(), hs.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RawHarmony& a, const RawHarmony& b) { return a.start < b.start; });
    const double end = measures.back().start + measures.back().length;
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (!inWindow(sorted[i].start))
            continue;
        const double until =
            i + 1 < sorted.size() ? sorted[i + 1].start : std::max(end, sorted[i].start);
        ChordEvent c;
        c.offset = sorted[i].start;
        c.duration = until - sorted[i].start;
        c.pitches = sorted[i].pitches;
        bars[measureAt(measures, c.offset)].chords.push_back(c);
    }
    bool anyNote = false;
    for (size_t i = 0; i < bars.size(); ++i) {
        if (!used[i])
            continue;
        for (const MelodyEvent& e : bars[i].melody)
            anyNote |= e.kind != MelodyEvent::Rest;
        sheet.chordGroups += bars[i].chords.empty() ? 0 : 1;
        sheet.measures.push_back(std::move(bars[i]));
    }
    if (!anyNote)
        throw Error(source + ": " + partLabel(melodyPart, size_t(sheet.melodyTrack)) + ", voice " +
                    voice + " has no notes" + (options.windowStart ? " in the window" : ""));
    return sheet;
}

} // namespace jazz::corpus
