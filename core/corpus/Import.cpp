#include "corpus/Import.h"

#include "Error.h"
#include "corpus/MusicXmlReader.h"
#include "corpus/PartImport.h"
#include "corpus/TextCorpus.h"
#include "generate/Progression.h"
#include "midi/Song.h"
#include "theory/Pitch.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

namespace jazz::corpus {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool nameHas(const std::string& name, std::initializer_list<const char*> words) {
    const std::string n = lower(name);
    return std::any_of(words.begin(), words.end(),
                       [&](const char* w) { return n.find(w) != std::string::npos; });
}

TrackInfo describe(const midi::SongTrack& t) {
    TrackInfo info;
    info.index = t.index;
    info.name = t.name;
    info.channel = t.channel;
    info.program = t.program;
    info.notes = int(t.notes.size());
    info.drums = t.channel == 9;
    if (t.notes.empty())
        return info;
    const double tol = 1.0 / 16; // music21's chord tolerance, in quarter notes
    int alone = 0, inChords = 0;
    double pitchSum = 0;
    const auto& n = t.notes; // sorted by start
    // One pass with two pointers (notes starting within the tolerance of this one) and the
    // latest end so far (an earlier note still sounding): linear, so that a file of 100,000
    // notes struck together is analysed as fast as any other.
    size_t lo = 0, hi = 0;
    double latestEnd = -INFINITY;
    for (size_t i = 0; i < n.size(); ++i) {
        pitchSum += n[i].pitch;
        while (n[i].start - n[lo].start > tol)
            ++lo;
        hi = std::max(hi, i + 1);
        while (hi < n.size() && n[hi].start - n[i].start <= tol)
            ++hi;
        const int together = int(hi - lo);
        const bool overlapped = latestEnd > n[i].start + tol;
        latestEnd = std::max(latestEnd, n[i].start + n[i].duration);
        if (together == 1 && !overlapped)
            ++alone;
        if (together >= 3)
            ++inChords;
    }
    info.monophony = double(alone) / n.size();
    info.chordShare = double(inChords) / n.size();
    info.meanPitch = pitchSum / n.size();
    return info;
}

std::string pitchName(double midi) {
    const theory::Pitch p = theory::Pitch::fromMidi(int(std::lround(midi)));
    return p.nameWithOctave();
}

std::string percent(double x) { return std::to_string(int(std::lround(x * 100))) + "%"; }

std::string trackLabel(const TrackInfo& t) {
    return "track " + std::to_string(t.index) + (t.name.empty() ? "" : " \"" + t.name + "\"");
}

double melodyScore(const TrackInfo& t) {
    double s = 2.0 * t.monophony - 2.0 * t.chordShare;
    if (t.meanPitch >= 55 && t.meanPitch <= 84)
        s += 0.5;
    if (t.meanPitch < 48 || nameHas(t.name, {"bass"}))
        s -= 1.5;
    if (nameHas(t.name, {"solo", "melody", "lead", "sax", "trumpet", "flute", "clarinet",
                         "trombone", "vocal", "voice", "guitar"}))
        s += 0.75;
    s += 0.05 * std::log10(1.0 + t.notes);
    return s;
}

double chordScore(const TrackInfo& t) {
    double s = 3.0 * t.chordShare;
    if (nameHas(t.name, {"piano", "comp", "chord", "keys", "rhodes", "organ", "harmony"}))
        s += 0.75;
    if (nameHas(t.name, {"bass"}))
        s -= 1.5;
    return s;
}

int resolveTrack(const std::string& spec, const std::vector<TrackInfo>& tracks,
                 const std::string& source, const char* role) {
    const bool numeric = !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    int found = -1;
    if (numeric && spec.size() < 6) {
        const int idx = std::stoi(spec);
        if (idx < int(tracks.size()))
            found = idx;
    } else {
        for (const TrackInfo& t : tracks)
            if (lower(t.name) == lower(spec)) {
                found = t.index;
                break;
            }
    }
    if (found < 0) {
        std::ostringstream s;
        s << source << ": no " << role << " track '" << spec << "'; tracks with notes:";
        for (const TrackInfo& t : tracks)
            if (t.notes > 0)
                s << " " << t.index << (t.name.empty() ? "" : "=\"" + t.name + "\"");
        throw Error(s.str());
    }
    if (tracks[size_t(found)].notes == 0)
        throw Error(source + ": " + role + " track " + trackLabel(tracks[size_t(found)]) +
                    " has no notes");
    return found;
}

MelodyEvent toMelody(const PartElement& e) {
    MelodyEvent m;
    m.kind = e.kind == PartElement::Rest    ? MelodyEvent::Rest
             : e.kind == PartElement::Chord ? MelodyEvent::DoubleStop
                                            : MelodyEvent::Note;
    m.offset = double(e.offset12) / kTicks12;
    // The notebook gives zero-length (grace) notes a sixteenth's length.
    m.duration = e.duration12 == 0 ? 0.25 : double(e.duration12) / kTicks12;
    m.pitches = e.pitches;
    return m;
}

// The changes given as text, placed bar by bar over the melody's bars (keyed by bar number):
// the first chart bar on the melody's first bar. A chart one bar shorter than the melody
// leaves the first bar as a pickup, sounding over the chart's last bar (the turnaround).
std::map<int, std::vector<ChordEvent>> placeChart(const std::string& chart,
                                                  const std::map<int, Measure>& bars,
                                                  double barLength, const std::string& source) {
    std::map<int, std::vector<ChordEvent>> placed;
    if (bars.empty())
        return placed;
    generate::Progression p;
    try {
        p = generate::Progression::parse(chart, barLength);
    } catch (const Error& e) {
        throw Error(source + ": the changes given: " + e.what());
    }
    const int first = bars.begin()->first, last = bars.rbegin()->first;
    const int span = last - first + 1, given = int(p.bars.size());
    const bool pickup = given == span - 1 && span > 1;
    if (given != span && !pickup)
        throw Error(source + ": the changes have " + std::to_string(given) + " bar" +
                    (given == 1 ? "" : "s") + " but the melody spans " + std::to_string(span) +
                    " bars (bars " + std::to_string(first + 1) + " to " + std::to_string(last + 1) +
                    ")");
    for (int bar = first; bar <= last; ++bar) {
        const int k = pickup ? (bar == first ? given - 1 : bar - first - 1) : bar - first;
        const auto& chords = p.bars[size_t(k)];
        for (size_t i = 0; i < chords.size(); ++i) {
            const double end = i + 1 < chords.size() ? chords[i + 1].offset : barLength;
            placed[bar].push_back(
                {bar * barLength + chords[i].offset, end - chords[i].offset, chords[i].pitches});
        }
    }
    if (placed.empty())
        throw Error(source + ": the changes given hold no chord (only N.C.)");
    return placed;
}

} // namespace

std::pair<double, double> parseWindow(const std::string& text) {
    const size_t colon = text.find(':');
    auto number = [&](const std::string& s) {
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(s, &used);
        } catch (...) {
            used = std::string::npos;
        }
        if (s.empty() || used != s.size() || !std::isfinite(v) || v < 0)
            throw Error("window '" + text + "': expected START:END in quarter notes, e.g. 476:548");
        return v;
    };
    if (colon == std::string::npos)
        throw Error("window '" + text + "': expected START:END in quarter notes, e.g. 476:548");
    const double a = number(text.substr(0, colon));
    const double b = number(text.substr(colon + 1));
    if (b < a)
        throw Error("window '" + text + "': the end lies before the start");
    return {a, b};
}

ImportOptions notebookMethenyOptions() {
    ImportOptions o;
    o.melodyTrack = "Guitar";
    o.chordTrack = "Piano";
    o.windowStart = 476;
    o.windowEnd = 548;
    return o;
}

bool isTextCorpus(const std::string& path) {
    return path.size() > 4 && lower(path.substr(path.size() - 4)) == ".txt";
}

std::vector<LeadSheet> loadLeadSheets(const std::string& path, const ImportOptions& options) {
    if (!isTextCorpus(path))
        return {importLeadSheet(path, options)};
    std::vector<LeadSheet> sheets;
    for (Tune& t : readTextCorpus(path))
        sheets.push_back(std::move(t.sheet));
    return sheets;
}

LeadSheet importLeadSheet(const std::string& path, const ImportOptions& options) {
    if (isMusicXml(path))
        return readMusicXml(path, options);
    return importLeadSheet(midi::read(path), path, options);
}

LeadSheet importLeadSheet(const midi::File& file, const std::string& source,
                          const ImportOptions& options) {
    const midi::Song song = midi::toSong(file);
    LeadSheet sheet;
    sheet.source = source;
    sheet.beatsPerBar = song.beatsPerBar * 4.0 / song.beatUnit;
    // Bars are cut at one fixed length from the start: a file whose meter changes would have
    // every bar after the change misplaced, so it is refused rather than learnt wrongly.
    const std::string meter = std::to_string(song.beatsPerBar) + "/" + std::to_string(song.beatUnit);
    if (song.meterChanges)
        throw Error(source + ": time signature not handled: the meter changes after " + meter +
                    " (only files in one meter are read)");
    if (sheet.beatsPerBar < 1.5 || sheet.beatsPerBar > 8)
        throw Error(source + ": time signature not handled: " + meter +
                    " (bars of 1.5 to 8 quarter notes are read)");
    for (const midi::SongTrack& t : song.tracks)
        sheet.tracks.push_back(describe(t));

    std::vector<const TrackInfo*> candidates;
    for (const TrackInfo& t : sheet.tracks)
        if (t.notes >= 8 && !t.drums)
            candidates.push_back(&t);

    if (!options.melodyTrack.empty()) {
        sheet.melodyTrack = resolveTrack(options.melodyTrack, sheet.tracks, source, "melody");
        sheet.melodyReason = "chosen by the user";
    } else {
        if (candidates.empty())
            throw Error(source + ": no track with at least 8 pitched notes to use as melody");
        const TrackInfo* best = *std::max_element(
            candidates.begin(), candidates.end(),
            [](const TrackInfo* a, const TrackInfo* b) { return melodyScore(*a) < melodyScore(*b); });
        sheet.melodyTrack = best->index;
        sheet.melodyReason = "most melodic: " + percent(best->monophony) +
                             " of its notes sound alone, " + percent(best->chordShare) +
                             " in chords, mean pitch " + pitchName(best->meanPitch) + ", " +
                             std::to_string(best->notes) + " notes";
    }
    if (!options.chords.empty()) {
        sheet.chordReason = "the changes given";
    } else if (!options.chordTrack.empty()) {
        sheet.chordTrack = resolveTrack(options.chordTrack, sheet.tracks, source, "chord");
        sheet.chordReason = "chosen by the user";
    } else {
        // Any pitched track but the melody may hold the chords, however few: a modal tune's
        // chord track can be two long chords (the melody's 8-note minimum does not apply).
        const TrackInfo* best = nullptr;
        for (const TrackInfo& t : sheet.tracks)
            if (t.index != sheet.melodyTrack && !t.drums && t.notes >= 3 &&
                (!best || chordScore(t) > chordScore(*best)))
                best = &t;
        if (!best || best->chordShare < 0.05)
            throw NoChordsError(source + ": no chordal track found (no track plays chords of three "
                                         "or more notes); name one with --chord-track, or give "
                                         "the changes with --chords or --chords-file");
        sheet.chordTrack = best->index;
        sheet.chordReason = "most chordal: " + percent(best->chordShare) +
                            " of its notes sound in chords of three or more";
    }

    const ImportedPart melody = importPart(file.tracks[size_t(sheet.melodyTrack)],
                                           file.ticksPerQuarter);
    sheet.melodyVoices = melody.voices;
    const double lo = options.windowStart.value_or(-1e300);
    const double hi = options.windowEnd.value_or(1e300);
    auto inWindow = [&](const PartElement& e) {
        const double o = double(e.offset12) / kTicks12;
        return o >= lo && o <= hi;
    };
    const double barLength = sheet.beatsPerBar;
    auto barOf = [&](const PartElement& e) {
        return int(std::floor(double(e.offset12) / kTicks12 / barLength + 1e-9));
    };

    std::map<int, Measure> bars;
    for (const PartElement& e : melody.elements) {
        if (!inWindow(e))
            continue;
        Measure& m = bars[barOf(e)];
        m.melody.push_back(toMelody(e));
    }
    std::map<int, std::vector<ChordEvent>> chordBars;
    if (sheet.chordTrack < 0) {
        chordBars = placeChart(options.chords, bars, barLength, source);
    } else {
        const ImportedPart chords =
            importPart(file.tracks[size_t(sheet.chordTrack)], file.ticksPerQuarter);
        for (const PartElement& e : chords.elements) {
            if (e.kind != PartElement::Chord || !inWindow(e))
                continue;
            chordBars[barOf(e)].push_back(
                {double(e.offset12) / kTicks12, double(e.duration12) / kTicks12, e.pitches});
        }
    }
    sheet.chordGroups = int(chordBars.size());
    if (bars.empty())
        throw Error(source + ": melody " + trackLabel(sheet.tracks[size_t(sheet.melodyTrack)]) +
                    " has no notes" + (options.windowStart ? " in the window" : ""));
    if (chordBars.empty())
        throw NoChordsError(source + ": chord " +
                            trackLabel(sheet.tracks[size_t(sheet.chordTrack)]) + " has no chords" +
                            (options.windowStart ? " in the window" : ""));
    // Measures are the bars the melody covers; chord groups past the melody's last bar are
    // dropped (the notebook drops its last chord group for the same reason).
    for (auto& [bar, m] : bars) {
        m.bar = bar;
        m.start = bar * barLength;
        m.length = barLength;
        auto c = chordBars.find(bar);
        if (c != chordBars.end())
            m.chords = c->second;
        sheet.measures.push_back(std::move(m));
    }
    return sheet;
}

} // namespace jazz::corpus
