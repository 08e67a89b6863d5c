#include "notation/MusicXmlWriter.h"

#include "Error.h"
#include "corpus/MusicXmlHarmony.h"
#include "notation/NoteSpelling.h"
#include "theory/ChordAtTime.h"

#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace jazz::notation {

namespace {

constexpr int kBeat = kDivisions; // units per quarter-note beat

// One sounding stretch of the line in a bar, or a rest (no pitches), in units from the bar start.
struct Event {
    int start = 0, end = 0;
    std::vector<int> pitches;
    bool tiedFromBefore = false, tiedOnAfter = false;
    int spellAt = 0; // where the note begins, in units from the start: its chord spells it
};

// A notated note or rest: its length in the bar, its written value, tuplet and ties.
struct Piece {
    int start = 0, units = 0;
    const Event* event = nullptr;
    int written = 24;     // in 24ths of a quarter: 24 quarter, 12 eighth, 36 dotted quarter
    bool triplet = false; // under 3:2
    bool tupletStart = false, tupletStop = false;
    bool tieIn = false, tieOut = false;
};

// Written values in 24ths of a quarter note, longest first, with their <type> and dots.
struct Value {
    int written;
    const char* type;
    int dots;
};
const Value kValues[] = {
    {96, "whole", 0},  {72, "half", 1},   {48, "half", 0}, {36, "quarter", 1}, {24, "quarter", 0},
    {18, "eighth", 1}, {12, "eighth", 0}, {9, "16th", 1},  {6, "16th", 0},     {3, "32nd", 0}};

const Value& valueOf(int written) {
    for (const Value& v : kValues)
        if (v.written == written)
            return v;
    return kValues[std::size(kValues) - 1];
}

// Splits `written` into values a reader expects, longest first (a quarter tied to a 16th).
std::vector<int> decompose(int written) {
    std::vector<int> out;
    for (const Value& v : kValues)
        while (written >= v.written) {
            out.push_back(v.written);
            written -= v.written;
        }
    return out;
}

// The notes as non-overlapping groups (notes struck together become one chord) on the grid.
struct Group {
    int start, end;
    std::vector<int> pitches;
};
std::vector<Group> groups(const std::vector<generate::SoloNote>& notes) {
    std::map<int, Group> byStart;
    for (const auto& n : notes) {
        const int s = int(std::lround(n.start * kBeat));
        const int e = std::max(s + 1, int(std::lround((n.start + n.duration) * kBeat)));
        if (s < 0 || n.pitch < 0 || n.pitch > 127)
            continue;
        auto [it, fresh] = byStart.try_emplace(s, Group{s, e, {}});
        // Chord members share one length in one voice: the shortest.
        if (!fresh)
            it->second.end = std::min(it->second.end, e);
        if (std::find(it->second.pitches.begin(), it->second.pitches.end(), n.pitch) ==
            it->second.pitches.end())
            it->second.pitches.push_back(n.pitch);
    }
    std::vector<Group> out;
    for (auto& [s, g] : byStart) {
        if (!out.empty() && out.back().end > s)
            out.back().end = s; // a line: a note stops where the next begins
        std::sort(g.pitches.begin(), g.pitches.end());
        out.push_back(g);
    }
    return out;
}

// A bar's events cut into notated pieces: at every beat, except whole beats that join into a
// half (on beats 1 and 3), a dotted half or a whole from the bar's start; within a beat in
// sixteenths when every boundary allows, else in triplets (3:2) over the beat.
std::vector<Piece> notate(const std::vector<Event>& events, int barUnits) {
    std::vector<Piece> chunks;
    const int beats = (barUnits + kBeat - 1) / kBeat;
    for (const Event& e : events) {
        int t = e.start;
        while (t < e.end) {
            const int beat = t / kBeat;
            int until = std::min(e.end, (beat + 1) * kBeat);
            if (t % kBeat == 0 && until - t == kBeat) {
                int whole = 1; // full beats this event covers from here
                while ((beat + whole + 1) * kBeat <= e.end)
                    ++whole;
                int join = 1;
                if (beat == 0 && whole >= 4 && beats >= 4)
                    join = 4;
                else if (beat == 0 && whole >= 3 && beats >= 3)
                    join = 3;
                else if (beat % 2 == 0 && whole >= 2)
                    join = 2;
                until = t + join * kBeat;
            }
            chunks.push_back({t, until - t, &e});
            t = until;
        }
    }
    std::vector<Piece> out;
    for (size_t i = 0; i < chunks.size();) {
        // The chunks in this beat (or one long chunk) decide its grid.
        const int beat = chunks[i].start / kBeat;
        size_t j = i;
        bool duple = true;
        while (j < chunks.size() && chunks[j].start / kBeat == beat) {
            duple = duple && chunks[j].start % 3 == 0 && chunks[j].units % 3 == 0;
            ++j;
        }
        const size_t first = out.size();
        for (size_t k = i; k < j; ++k) {
            const Piece& c = chunks[k];
            int at = c.start;
            const auto parts = decompose(duple ? c.units * 2 : c.units * 3);
            for (size_t p = 0; p < parts.size(); ++p) {
                Piece piece = c;
                piece.start = at;
                piece.written = parts[p];
                piece.units = duple ? parts[p] / 2 : parts[p] / 3;
                piece.triplet = !duple;
                piece.tieIn = p > 0 || (at > c.event->start) || c.event->tiedFromBefore;
                piece.tieOut =
                    p + 1 < parts.size() || at + piece.units < c.event->end || c.event->tiedOnAfter;
                at += piece.units;
                out.push_back(piece);
            }
        }
        if (!duple) {
            out[first].tupletStart = true;
            out.back().tupletStop = true;
        }
        i = j;
    }
    return out;
}

void writeHarmony(QXmlStreamWriter& x, const theory::ChordSymbol& c, int offsetUnits) {
    x.writeStartElement("harmony");
    if (c.isNoChord()) {
        x.writeStartElement("root");
        x.writeTextElement("root-step", "C");
        x.writeEndElement();
        x.writeStartElement("kind");
        x.writeAttribute("text", "N.C.");
        x.writeCharacters("none");
        x.writeEndElement();
    } else {
        x.writeStartElement("root");
        x.writeTextElement("root-step", QString(QChar(theory::stepLetter(c.root().step()))));
        if (c.root().alter())
            x.writeTextElement("root-alter", QString::number(c.root().alter()));
        x.writeEndElement();
        const corpus::HarmonySpelling s = corpus::spellHarmony(c.intervals());
        x.writeStartElement("kind");
        // Readers print the symbol from the text; the kind and degrees say what sounds.
        x.writeAttribute("text", QString::fromStdString(c.suffix()));
        x.writeCharacters(QString::fromStdString(s.kind));
        x.writeEndElement();
        if (const auto bass = c.bass()) {
            x.writeStartElement("bass");
            x.writeTextElement("bass-step", QString(QChar(theory::stepLetter(bass->step()))));
            if (bass->alter())
                x.writeTextElement("bass-alter", QString::number(bass->alter()));
            x.writeEndElement();
        }
        for (const corpus::HarmonyDegree& d : s.degrees) {
            x.writeStartElement("degree");
            x.writeTextElement("degree-value", QString::number(d.value));
            x.writeTextElement("degree-alter", QString::number(d.alter));
            x.writeTextElement("degree-type", d.type == corpus::HarmonyDegree::Add ? "add"
                                              : d.type == corpus::HarmonyDegree::Alter
                                                  ? "alter"
                                                  : "subtract");
            x.writeEndElement();
        }
    }
    if (offsetUnits)
        x.writeTextElement("offset", QString::number(offsetUnits));
    x.writeEndElement();
}

int keyAlter(int fifths, int step);

// `shown`: the alteration each staff position (diatonic step) carries so far in the bar, for
// <accidental>: written where a note's differs from it (at first, from the key signature).
void writePiece(QXmlStreamWriter& x, const Piece& p, const theory::ChordSymbol& chord,
                bool wholeBarRest, int barUnits, int fifths, std::map<int, int>& shown) {
    const Value& v = valueOf(p.written);
    const std::vector<int>& pitches = p.event->pitches;
    for (size_t i = 0; i < std::max<size_t>(1, pitches.size()); ++i) {
        x.writeStartElement("note");
        if (i > 0)
            x.writeEmptyElement("chord");
        if (pitches.empty()) {
            x.writeStartElement("rest");
            if (wholeBarRest)
                x.writeAttribute("measure", "yes");
            x.writeEndElement();
        }
        std::optional<int> accidental;
        if (!pitches.empty()) {
            const theory::Pitch s = spellOver(pitches[i], chord);
            const auto it = shown.try_emplace(s.diatonic(), keyAlter(fifths, s.step())).first;
            // A note tied over carries its alteration without showing it again.
            if (it->second != s.alter() && !p.tieIn)
                accidental = s.alter();
            it->second = s.alter();
            x.writeStartElement("pitch");
            x.writeTextElement("step", QString(QChar(theory::stepLetter(s.step()))));
            if (s.alter())
                x.writeTextElement("alter", QString::number(s.alter()));
            x.writeTextElement("octave", QString::number(s.octave()));
            x.writeEndElement();
        }
        x.writeTextElement("duration", QString::number(wholeBarRest ? barUnits : p.units));
        const bool ties = !pitches.empty();
        if (ties && p.tieIn)
            x.writeEmptyElement("tie"), x.writeAttribute("type", "stop");
        if (ties && p.tieOut)
            x.writeEmptyElement("tie"), x.writeAttribute("type", "start");
        x.writeTextElement("voice", "1");
        if (!wholeBarRest) {
            x.writeTextElement("type", v.type);
            for (int d = 0; d < v.dots; ++d)
                x.writeEmptyElement("dot");
        }
        if (accidental) {
            static const char* names[] = {"flat-flat", "flat", "natural", "sharp", "double-sharp"};
            x.writeTextElement("accidental", names[std::clamp(*accidental, -2, 2) + 2]);
        }
        if (p.triplet) {
            x.writeStartElement("time-modification");
            x.writeTextElement("actual-notes", "3");
            x.writeTextElement("normal-notes", "2");
            x.writeEndElement();
        }
        const bool tupletMark = i == 0 && (p.tupletStart || p.tupletStop);
        if ((ties && (p.tieIn || p.tieOut)) || tupletMark) {
            x.writeStartElement("notations");
            if (ties && p.tieIn)
                x.writeEmptyElement("tied"), x.writeAttribute("type", "stop");
            if (ties && p.tieOut)
                x.writeEmptyElement("tied"), x.writeAttribute("type", "start");
            if (i == 0 && p.tupletStart) {
                x.writeEmptyElement("tuplet");
                x.writeAttribute("type", "start");
                x.writeAttribute("bracket", "yes");
            }
            if (i == 0 && p.tupletStop)
                x.writeEmptyElement("tuplet"), x.writeAttribute("type", "stop");
            x.writeEndElement();
        }
        x.writeEndElement();
    }
}

theory::ChordSymbol symbolOf(const generate::BarChord& c) {
    if (const auto s = theory::ChordSymbol::tryParse(c.symbol, nullptr))
        return *s;
    return theory::ChordSymbol::identify(c.pitches);
}

// The key signature a player expects: the last major tonic chord's key (Bbmaj7, Bb6, Bb: not a
// dominant), else the first chord's (a minor chord's relative major: Cm7 gives three flats).
int keySignature(const std::map<int, theory::ChordSymbol>& chords) {
    static const int fifthsOf[12] = {0, -5, 2, -3, 4, -1, -6, 1, -4, 3, -2, 5}; // by tonic pc
    auto has = [](const theory::ChordSymbol& c, int i) {
        return std::find(c.intervals().begin(), c.intervals().end(), i) != c.intervals().end();
    };
    std::optional<int> tonic;
    for (const auto& [t, c] : chords)
        if (!c.isNoChord() && has(c, 4) && has(c, 7) && !has(c, 10))
            tonic = c.root().pitchClass();
    if (!tonic)
        for (const auto& [t, c] : chords)
            if (!c.isNoChord()) {
                tonic = (c.root().pitchClass() + (has(c, 3) ? 3 : 0)) % 12;
                break;
            }
    return tonic ? fifthsOf[*tonic] : 0;
}

// The alteration a key signature gives a step (0 C .. 6 B).
int keyAlter(int fifths, int step) {
    static const int sharps[7] = {3, 0, 4, 1, 5, 2, 6}; // F C G D A E B
    static const int flats[7] = {6, 2, 5, 1, 4, 0, 3};  // B E A D G C F
    for (int i = 0; i < std::abs(fifths); ++i)
        if ((fifths > 0 ? sharps : flats)[i] == step)
            return fifths > 0 ? 1 : -1;
    return 0;
}

} // namespace

std::string toMusicXml(const generate::Arrangement& take, const std::string& title) {
    const generate::Solo& solo = take.solo;
    const generate::Progression& prog = solo.progression;
    const double beatsPerBar = prog.beatsPerBar > 0 ? prog.beatsPerBar : 4;
    // Bars on the grid: whole eighths (5/8, 7/8) are written over 8, the rest over 4.
    const int barUnits = std::max(kBeat / 2, int(std::lround(beatsPerBar * 2)) * kBeat / 2);
    const bool eighths = barUnits % kBeat != 0;
    const std::vector<Group> line = groups(solo.notes);
    int bars = int(prog.bars.size());
    if (!line.empty())
        bars = std::max(bars, (line.back().end + barUnits - 1) / barUnits);
    bars = std::max(bars, 1);

    // Chord symbols at their time in units; the one sounding at a note spells it.
    std::map<int, theory::ChordSymbol> chords;
    for (size_t b = 0; b < prog.bars.size(); ++b)
        for (const auto& c : prog.bars[b])
            chords[int(b) * barUnits + int(std::lround(c.offset * kBeat))] = symbolOf(c);
    const int fifths = keySignature(chords);
    // Before the first symbol a note is spelt by the key signature alone.
    auto chordAt = [&](int t) {
        const auto* at = theory::chordAtTime(
            chords, t, [](const auto& c) { return c.first; }, theory::BeforeFirstChord::None);
        return at ? at->second : theory::ChordSymbol();
    };
    double pitchSum = 0;
    int pitchCount = 0;
    for (const auto& g : line)
        for (int p : g.pitches)
            pitchSum += p, ++pitchCount;
    const bool bassClef = pitchCount && pitchSum / pitchCount < 55;

    QByteArray bytes;
    QXmlStreamWriter x(&bytes);
    x.setAutoFormatting(true);
    x.setAutoFormattingIndent(2);
    x.writeStartDocument();
    x.writeDTD("<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 3.1 Partwise//EN\" "
               "\"http://www.musicxml.org/dtds/partwise.dtd\">");
    x.writeStartElement("score-partwise");
    x.writeAttribute("version", "3.1");
    x.writeStartElement("work");
    x.writeTextElement("work-title", QString::fromStdString(title));
    x.writeEndElement();
    x.writeStartElement("identification");
    x.writeStartElement("encoding");
    x.writeTextElement("software", "Jazz Studio");
    x.writeEndElement();
    x.writeEndElement();
    x.writeStartElement("part-list");
    x.writeStartElement("score-part");
    x.writeAttribute("id", "P1");
    x.writeTextElement("part-name", "Solo");
    x.writeStartElement("score-instrument");
    x.writeAttribute("id", "P1-I1");
    x.writeTextElement("instrument-name", "Solo");
    x.writeEndElement();
    x.writeStartElement("midi-instrument");
    x.writeAttribute("id", "P1-I1");
    x.writeTextElement("midi-channel", "1");
    x.writeTextElement("midi-program", QString::number(std::clamp(take.soloProgram, 0, 127) + 1));
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeStartElement("part");
    x.writeAttribute("id", "P1");

    size_t next = 0; // the first group that may reach into this bar
    for (int b = 0; b < bars; ++b) {
        const int barStart = b * barUnits, barEnd = barStart + barUnits;
        x.writeStartElement("measure");
        x.writeAttribute("number", QString::number(b + 1));
        if (b == 0) {
            x.writeStartElement("attributes");
            x.writeTextElement("divisions", QString::number(kDivisions));
            x.writeStartElement("key");
            x.writeTextElement("fifths", QString::number(fifths));
            x.writeEndElement();
            x.writeStartElement("time");
            x.writeTextElement("beats",
                               QString::number(eighths ? barUnits * 2 / kBeat : barUnits / kBeat));
            x.writeTextElement("beat-type", eighths ? "8" : "4");
            x.writeEndElement();
            x.writeStartElement("clef");
            x.writeTextElement("sign", bassClef ? "F" : "G");
            x.writeTextElement("line", bassClef ? "4" : "2");
            x.writeEndElement();
            x.writeEndElement();
            x.writeStartElement("direction");
            x.writeAttribute("placement", "above");
            x.writeStartElement("direction-type");
            x.writeStartElement("metronome");
            x.writeTextElement("beat-unit", "quarter");
            x.writeTextElement("per-minute", QString::number(std::lround(take.tempo)));
            x.writeEndElement();
            x.writeEndElement();
            x.writeEmptyElement("sound");
            x.writeAttribute("tempo", QString::number(take.tempo, 'g', 6));
            x.writeEndElement();
        }
        // The bar's line: the notes in it (clipped, tied over the bar lines), rests between.
        std::vector<Event> events;
        while (next < line.size() && line[next].end <= barStart)
            ++next;
        int t = 0;
        for (size_t g = next; g < line.size() && line[g].start < barEnd; ++g) {
            const int s = std::max(line[g].start, barStart) - barStart;
            const int e = std::min(line[g].end, barEnd) - barStart;
            if (s > t)
                events.push_back({t, s, {}});
            const bool fromBefore = line[g].start<barStart, onAfter = line[g].end> barEnd;
            events.push_back({s, e, line[g].pitches, fromBefore, onAfter, line[g].start});
            t = e;
        }
        if (t < barUnits)
            events.push_back({t, barUnits, {}});
        const std::vector<Piece> pieces = notate(events, barUnits);
        // A silent bar that one value fills: a whole-bar rest, as readers centre it.
        const bool emptyBar = pieces.size() == 1 && events[0].pitches.empty();
        // Chord symbols go before the piece they fall in, with an <offset> when inside it.
        std::vector<std::pair<int, theory::ChordSymbol>> symbols;
        for (auto it = chords.lower_bound(barStart); it != chords.end() && it->first < barEnd; ++it)
            symbols.push_back({it->first - barStart, it->second});
        size_t s = 0;
        std::map<int, int> shown; // accidentals start afresh in every bar
        for (const Piece& p : pieces) {
            for (; s < symbols.size() && symbols[s].first < p.start + p.units; ++s)
                writeHarmony(x, symbols[s].second, std::max(0, symbols[s].first - p.start));
            writePiece(x, p, chordAt(p.event->spellAt), emptyBar, barUnits, fifths, shown);
        }
        if (b == bars - 1) {
            x.writeStartElement("barline");
            x.writeAttribute("location", "right");
            x.writeTextElement("bar-style", "light-heavy");
            x.writeEndElement();
        }
        x.writeEndElement(); // measure
    }
    x.writeEndElement(); // part
    x.writeEndElement(); // score-partwise
    x.writeEndDocument();
    return bytes.toStdString();
}

void writeMusicXml(const generate::Arrangement& take, const std::string& path,
                   const std::string& title) {
    const std::string text = toMusicXml(take, title);
    QSaveFile out(QString::fromStdString(path));
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(text.data(), qint64(text.size())) != qint64(text.size()) || !out.commit())
        throw Error(path + ": cannot write: " + out.errorString().toStdString());
}

} // namespace jazz::notation
