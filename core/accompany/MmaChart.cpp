#include "accompany/MmaChart.h"

#include "Error.h"
#include "theory/ChordSymbol.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>

namespace jazz::accompany {

namespace {

struct MmaQuality {
    const char* name;         // as MMA's chordtable.py spells it
    std::vector<int> classes; // pitch classes above the root
};

// The part of MMA's chord table (MMA/chordtable.py, version 21.09) that lead-sheet jazz uses,
// as pitch-class sets. Note MMA's "dim" is a diminished seventh; its triad is "mb5".
const std::vector<MmaQuality>& mmaQualities() {
    static const std::vector<MmaQuality> q = {
        {"", {0, 4, 7}},
        {"m", {0, 3, 7}},
        {"7", {0, 4, 7, 10}},
        {"m7", {0, 3, 7, 10}},
        {"M7", {0, 4, 7, 11}},
        {"m7b5", {0, 3, 6, 10}},
        {"dim7", {0, 3, 6, 9}},
        {"mb5", {0, 3, 6}},
        {"aug", {0, 4, 8}},
        {"6", {0, 4, 7, 9}},
        {"m6", {0, 3, 7, 9}},
        {"mM7", {0, 3, 7, 11}},
        {"9", {0, 2, 4, 7, 10}},
        {"m9", {0, 2, 3, 7, 10}},
        {"M9", {0, 2, 4, 7, 11}},
        {"7b9", {0, 1, 4, 7, 10}},
        {"7#9", {0, 3, 4, 7, 10}},
        {"7#11", {0, 4, 6, 7, 10}},
        {"7b13", {0, 4, 7, 8, 10}},
        {"aug7", {0, 4, 8, 10}},
        {"7b5", {0, 4, 6, 10}},
        {"11", {0, 2, 4, 5, 7, 10}},
        {"m11", {0, 2, 3, 5, 7, 10}},
        {"13", {0, 2, 4, 7, 9, 10}},
        {"m13", {0, 2, 3, 7, 9, 10}},
        {"M13", {0, 2, 4, 7, 9, 11}},
        {"7b5b9", {0, 1, 4, 6, 10}},
        {"7b5#9", {0, 3, 4, 6, 10}},
        {"7#9b13", {0, 3, 4, 7, 8, 10}},
        {"7b9#11", {0, 1, 4, 6, 7, 10}},
        {"aug7b9", {0, 1, 4, 8, 10}},
        {"aug7#9", {0, 3, 4, 8, 10}},
        {"sus4", {0, 5, 7}},
        {"sus2", {0, 2, 7}},
        {"7sus", {0, 5, 7, 10}},
        {"add9", {0, 2, 4, 7}},
        {"6(add9)", {0, 2, 4, 7, 9}},
        {"M7#11", {0, 4, 6, 7, 11}},
        {"m6(add9)", {0, 2, 3, 7, 9}},
        {"5", {0, 7}},
    };
    return q;
}

// MMA's letters: it reads "Bb" and "F#" as we print them.
std::string rootName(const theory::Pitch& p) {
    std::string s(1, theory::stepLetter(p.step()));
    s.append(size_t(std::max(0, p.alter())), '#');
    s.append(size_t(std::max(0, -p.alter())), 'b');
    return s;
}

// The nearest MMA quality to a pitch-class set: every shared tone counts twice, every tone
// missing or added once against it; ties go to the earlier (commoner) entry.
const MmaQuality& nearestQuality(const std::set<int>& classes, bool* exact) {
    const MmaQuality* best = nullptr;
    int bestScore = -1000;
    for (const MmaQuality& q : mmaQualities()) {
        const std::set<int> theirs(q.classes.begin(), q.classes.end());
        if (theirs == classes) {
            *exact = true;
            return q;
        }
        int shared = 0;
        for (int c : classes)
            shared += int(theirs.count(c));
        const int score =
            2 * shared - (int(classes.size()) - shared) - (int(theirs.size()) - shared);
        if (score > bestScore) {
            bestScore = score;
            best = &q;
        }
    }
    *exact = false;
    return *best;
}

std::string formatBeat(double beat) {
    std::ostringstream s;
    s << std::round(beat * 1000) / 1000; // MMA takes decimal beats: "2.5"
    return s.str();
}

} // namespace

std::string mmaChordName(const generate::BarChord& chord, bool* reduced) {
    if (reduced)
        *reduced = false;
    theory::ChordSymbol symbol;
    if (auto parsed = theory::ChordSymbol::tryParse(chord.symbol, nullptr))
        symbol = *parsed;
    else
        symbol = theory::ChordSymbol::identify(chord.pitches);
    if (symbol.isNoChord())
        return "z";
    std::set<int> classes;
    for (int i : symbol.intervals())
        classes.insert(((i % 12) + 12) % 12);
    bool exact = false;
    const MmaQuality& q = nearestQuality(classes, &exact);
    if (reduced)
        *reduced = !exact;
    std::string name = rootName(symbol.root()) + q.name;
    if (auto bass = symbol.bass()) {
        name += '/';
        name += rootName(*bass);
    }
    return name;
}

Chart writeChart(const generate::Progression& progression, const ChartOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars to accompany");
    const double beats = progression.beatsPerBar;
    if (beats < 1 || beats > 16 || std::abs(beats - std::round(beats)) > 1e-9)
        throw Error("MMA needs a whole number of beats per bar (1 to 16), not " +
                    formatBeat(beats));
    Chart chart;
    std::ostringstream out;
    out << "// Written by Jazz Studio for MMA (Musical MIDI Accompaniment)\n"
        << "Time " << int(beats) << "\n"
        << "Groove " << options.style << "\n"
        << "Tempo " << formatBeat(options.tempo) << "\n"
        << "RndSeed " << options.seed << "\n";
    std::set<std::string> reported;
    std::optional<generate::BarChord> held; // the last chord written, sounding into the next bar
    for (size_t b = 0; b < progression.bars.size(); ++b) {
        const auto& bar = progression.bars[b];
        out << b + 1;
        if (bar.empty()) // N.C.: the band rests, the drums go on
            out << " z";
        // MMA wants a chord on beat 1. A bar of a real phrase often changes later (a pickup
        // bar, a chord track that starts on the and of 2): until then the chord before it
        // sounds, as on the lead sheet; in the first bar the band plays its first chord early.
        // A chord track read from a file may hold chords out of order or two on one beat (a
        // re-struck chord, a quick correction): MMA refuses both, so they are sorted and the
        // last chord struck on a beat (as MMA writes it) is the one played.
        std::vector<generate::BarChord> chords;
        std::vector<generate::BarChord> sorted = bar;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const auto& a, const auto& b) { return a.offset < b.offset; });
        for (generate::BarChord c : sorted) {
            c.offset = std::clamp(c.offset, 0.0, beats - 1e-3);
            if (!chords.empty() && formatBeat(1 + chords.back().offset) == formatBeat(1 + c.offset))
                chords.back() = c;
            else
                chords.push_back(c);
        }
        if (!chords.empty() && chords.front().offset > 1e-3) {
            generate::BarChord first = held ? *held : chords.front();
            first.offset = 0;
            chords.insert(chords.begin(), first);
        }
        held = chords.empty() ? std::nullopt : std::optional(chords.back());
        for (const generate::BarChord& c : chords) {
            bool reduced = false;
            const std::string name = mmaChordName(c, &reduced);
            const std::string written = c.symbol.empty() ? name : c.symbol;
            if (reduced && reported.insert(written).second)
                chart.reductions.push_back(written + " played as " + name + " (MMA has no " +
                                           written + ")");
            // Chords at their beat ("G7@2.5"), so off-beat changes land where they were written.
            out << ' ' << name << '@' << formatBeat(1 + c.offset);
        }
        out << "\n";
    }
    chart.text = out.str();
    return chart;
}

} // namespace jazz::accompany
