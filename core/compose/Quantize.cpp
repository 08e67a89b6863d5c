#include "compose/Quantize.h"

#include "corpus/LeadSheet.h"
#include "grammar/Encoder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace jazz::compose {

std::vector<PlayedNote> pairNotes(const std::vector<playback::BeatMessage>& messages,
                                  double until) {
    std::vector<PlayedNote> notes;
    std::map<int, size_t> held; // channel * 128 + pitch -> index into notes
    for (const auto& m : messages) {
        const auto& msg = m.message;
        if (!msg.isNoteOn() && !msg.isNoteOff())
            continue;
        const int key = (msg.bytes[0] & 0x0F) * 128 + (msg.bytes[1] & 0x7F);
        if (auto it = held.find(key); it != held.end()) {
            notes[it->second].end = m.beat;
            held.erase(it);
        }
        if (msg.isNoteOn()) {
            held[key] = notes.size();
            notes.push_back({m.beat, until, msg.bytes[1] & 0x7F, msg.bytes[2]});
        }
    }
    for (auto& n : notes)
        n.end = std::max(n.end, n.start);
    return notes;
}

namespace {

constexpr double kEarly = 0.125; // half a sixteenth: an onset this early belongs to the next beat
constexpr double kEps = 1e-9;
// Onsets this far after a beat (or kEarly before it) are the beat's own, played late (early);
// a sixteenth (0.25) is not.
constexpr double kNearBeat = 0.2;

double snapTo(double f, double step) {
    return std::round(f / step) * step;
}

double cost(const std::vector<double>& fracs, double step) {
    double c = 0;
    for (double f : fracs)
        c += (f - snapTo(f, step)) * (f - snapTo(f, step));
    return c;
}

// Which beat a position belongs to, and where in it.
int beatOf(double r) {
    return int(std::floor(r + kEarly));
}

struct BeatGrid {
    bool triplets = false;
    bool swung = false; // a lone late offbeat: the straight eighth
};

} // namespace

std::vector<generate::SoloNote> quantize(const std::vector<PlayedNote>& played,
                                         const QuantizeOptions& o) {
    const double length = o.bars * o.beatsPerBar;
    std::vector<PlayedNote> in;
    for (const auto& n : played) {
        const double r = n.start - o.origin;
        if (r >= -kEarly - kEps && r < length)
            in.push_back({r, n.end - o.origin, n.pitch, n.velocity});
    }
    // A player who lays back (or rushes) all along, or a MIDI path's latency, is read against
    // the beat meant: the median offset of the onsets near a beat is taken out first.
    std::vector<double> nearBeat;
    for (const auto& n : in)
        if (const double f = n.start - beatOf(n.start); f < kNearBeat)
            nearBeat.push_back(f);
    if (!nearBeat.empty()) {
        std::sort(nearBeat.begin(), nearBeat.end());
        const size_t k = nearBeat.size();
        const double lag = k % 2 ? nearBeat[k / 2] : (nearBeat[k / 2 - 1] + nearBeat[k / 2]) / 2;
        for (auto& n : in) {
            n.start -= lag;
            n.end -= lag;
        }
    }
    // Each beat's grid from its onsets.
    std::map<int, std::vector<double>> onsets;
    for (const auto& n : in)
        onsets[beatOf(n.start)].push_back(n.start - beatOf(n.start));
    std::map<int, BeatGrid> grid;
    for (const auto& [beat, fracs] : onsets) {
        BeatGrid g;
        bool middleTriplet = false, earlyInBeat = false;
        for (double f : fracs) {
            middleTriplet =
                middleTriplet || (std::abs(f - 1.0 / 3) < std::abs(f - snapTo(f, 0.25)));
            earlyInBeat = earlyInBeat || (f > kEarly && f < 0.5 - kEps);
        }
        g.triplets = middleTriplet && cost(fracs, 1.0 / 3) < cost(fracs, 0.25);
        g.swung = !g.triplets && !earlyInBeat;
        grid[beat] = g;
    }
    auto snapOnset = [&](double r) {
        const int beat = beatOf(r);
        const BeatGrid g = grid[beat];
        const double f = r - beat;
        if (g.triplets)
            return beat + snapTo(f, 1.0 / 3);
        if (g.swung && f >= 0.5 && f < 0.72)
            return beat + 0.5;
        return beat + snapTo(f, 0.25);
    };
    auto stepAt = [&](double q) {
        const auto it = grid.find(beatOf(q));
        return it != grid.end() && it->second.triplets ? 1.0 / 3 : 0.25;
    };
    auto snapEnd = [&](double r) {
        const int beat = beatOf(r);
        const auto it = grid.find(beat);
        const double step = it != grid.end() && it->second.triplets ? 1.0 / 3 : 0.25;
        return beat + snapTo(r - beat, step);
    };
    std::vector<generate::SoloNote> out;
    for (const auto& n : in) {
        const double start = std::max(0.0, snapOnset(n.start));
        if (start >= length - kEps)
            continue;
        const double end = std::max(snapEnd(n.end), start + stepAt(start));
        out.push_back({start, end - start, n.pitch, std::clamp(n.velocity, 1, 127)});
    }
    // One line: at one onset the highest note; a note ends where the next begins.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.start != b.start ? a.start < b.start - kEps : a.pitch > b.pitch;
    });
    std::vector<generate::SoloNote> line;
    for (const auto& n : out)
        if (line.empty() || n.start > line.back().start + kEps)
            line.push_back(n);
    for (size_t i = 0; i < line.size(); ++i) {
        double end = line[i].start + line[i].duration;
        if (i + 1 < line.size())
            end = std::min(end, line[i + 1].start);
        const double barEnd =
            (std::floor(line[i].start / o.beatsPerBar + kEps) + 1) * o.beatsPerBar;
        end = std::min(end, barEnd);
        line[i].duration = end - line[i].start;
    }
    return line;
}

std::vector<std::vector<std::string>> encodeBars(const std::vector<generate::SoloNote>& notes,
                                                 const generate::Progression& chords) {
    const double bpb = chords.beatsPerBar;
    const int bars = int(chords.bars.size());
    std::vector<corpus::Measure> measures(size_t(std::max(0, bars)));
    for (int b = 0; b < bars; ++b) {
        corpus::Measure& m = measures[size_t(b)];
        m.bar = b;
        m.start = b * bpb;
        m.length = bpb;
        const auto& bar = chords.bars[size_t(b)];
        for (size_t i = 0; i < bar.size(); ++i) {
            const double next = i + 1 < bar.size() ? bar[i + 1].offset : bpb;
            m.chords.push_back({m.start + bar[i].offset, next - bar[i].offset, bar[i].pitches});
        }
    }
    auto add = [&](corpus::MelodyEvent e) {
        // Split at bar lines: each part goes to the bar it sounds in.
        while (e.duration > kEps) {
            const int b = int(std::floor(e.offset / bpb + kEps));
            if (b < 0 || b >= bars)
                return;
            const double end = std::min(e.offset + e.duration, (b + 1) * bpb);
            corpus::MelodyEvent part = e;
            part.duration = end - e.offset;
            measures[size_t(b)].melody.push_back(part);
            e.duration -= part.duration;
            e.offset = end;
            if (e.kind == corpus::MelodyEvent::Note)
                return; // a note is cut at the bar line (quantize already did)
        }
    };
    double lastEnd = -1;
    for (const auto& n : notes) {
        if (lastEnd >= 0 && n.start > lastEnd + kEps)
            add({corpus::MelodyEvent::Rest, lastEnd, n.start - lastEnd, {}});
        add({corpus::MelodyEvent::Note, n.start, n.duration, {n.pitch}});
        lastEnd = std::max(lastEnd, n.start + n.duration);
    }
    std::vector<std::vector<std::string>> out;
    std::optional<theory::Chord> held;
    for (const auto& m : measures) {
        std::vector<std::string> values;
        for (const auto& v : grammar::encodeMeasure(m, held))
            values.push_back(v.toString());
        out.push_back(std::move(values));
        if (!m.chords.empty())
            held = m.chords.back().chord();
    }
    return out;
}

} // namespace jazz::compose
