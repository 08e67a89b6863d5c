#include "evaluate/Metrics.h"

#include "theory/Chord.h"
#include "theory/ChordAtTime.h"
#include "theory/Scale.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

namespace jazz::evaluate {

namespace {

const TimedChord* chordAt(const Line& line, double t) {
    return theory::chordAtTime(line.chords, t, [](const TimedChord& c) { return c.start; });
}

double entropyBits(const double* hist, int n) {
    double total = 0;
    for (int i = 0; i < n; ++i)
        total += hist[i];
    if (total <= 0)
        return 0;
    double h = 0;
    for (int i = 0; i < n; ++i)
        if (hist[i] > 0) {
            const double p = hist[i] / total;
            h -= p * std::log2(p);
        }
    return h;
}

double windowEntropy(const Line& line, int barsPerWindow) {
    const double length = line.beatsPerBar * barsPerWindow;
    const int windows = std::max(1, (line.bars + barsPerWindow - 1) / barsPerWindow);
    double sum = 0;
    int counted = 0;
    for (int w = 0; w < windows; ++w) {
        double hist[12] = {};
        bool any = false;
        for (const Note& n : line.notes)
            if (n.start >= w * length - 1e-9 && n.start < (w + 1) * length - 1e-9) {
                hist[((n.pitch % 12) + 12) % 12] += 1;
                any = true;
            }
        if (any) {
            sum += entropyBits(hist, 12);
            ++counted;
        }
    }
    return counted ? sum / counted : 0;
}

} // namespace

Features features(const Line& line) {
    Features f;
    if (line.notes.empty())
        return f;
    int chordCount = 0, scaleCount = 0;
    double chordDur = 0, scaleDur = 0, totalDur = 0;
    for (const Note& n : line.notes) {
        totalDur += n.duration;
        const TimedChord* c = chordAt(line, n.start);
        if (!c)
            continue;
        const int pc = ((n.pitch % 12) + 12) % 12;
        bool chordTone = false;
        for (int p : c->pitches)
            chordTone |= ((p % 12) + 12) % 12 == pc;
        const theory::Scale s = theory::scaleForChord(theory::Chord::fromMidi(c->pitches));
        bool scaleTone = false;
        for (const auto& p : s.pitches())
            scaleTone |= p.pitchClass() == pc;
        chordCount += chordTone;
        chordDur += chordTone ? n.duration : 0;
        scaleCount += scaleTone || chordTone;
        scaleDur += (scaleTone || chordTone) ? n.duration : 0;
    }
    const double count = double(line.notes.size());
    f.chordToneRatio = chordCount / count;
    f.scaleToneRatio = scaleCount / count;
    f.chordToneRatioDuration = totalDur > 0 ? chordDur / totalDur : 0;
    f.scaleToneRatioDuration = totalDur > 0 ? scaleDur / totalDur : 0;
    f.pcEntropy1Bar = windowEntropy(line, 1);
    f.pcEntropy4Bar = windowEntropy(line, 4);

    // Grooving pattern similarity: onset vectors on a 48-step grid per bar.
    const int bars = std::max(1, line.bars);
    std::vector<std::vector<bool>> onsets(size_t(bars), std::vector<bool>(48, false));
    for (const Note& n : line.notes) {
        const int bar = int(std::floor(n.start / line.beatsPerBar + 1e-9));
        if (bar < 0 || bar >= bars)
            continue;
        const double pos = (n.start - bar * line.beatsPerBar) / line.beatsPerBar;
        onsets[size_t(bar)][size_t(std::clamp(int(std::lround(pos * 48)), 0, 47))] = true;
    }
    double similarity = 0;
    int pairs = 0;
    for (int b = 0; b + 1 < bars; ++b) {
        int differ = 0;
        for (int k = 0; k < 48; ++k)
            differ += onsets[size_t(b)][size_t(k)] != onsets[size_t(b + 1)][size_t(k)];
        similarity += 1.0 - differ / 48.0;
        ++pairs;
    }
    f.grooveSimilarity = pairs ? similarity / pairs : 1;
    f.notesPerBar = count / bars;
    int lo = 127, hi = 0;
    double intervals = 0;
    for (size_t i = 0; i < line.notes.size(); ++i) {
        lo = std::min(lo, line.notes[i].pitch);
        hi = std::max(hi, line.notes[i].pitch);
        if (i)
            intervals += std::abs(line.notes[i].pitch - line.notes[i - 1].pitch);
    }
    f.pitchRange = hi - lo;
    f.meanAbsInterval = line.notes.size() > 1 ? intervals / double(line.notes.size() - 1) : 0;
    return f;
}

std::map<std::string, double> asMap(const Features& f) {
    return {{"chord_tone_ratio", f.chordToneRatio},
            {"chord_tone_ratio_duration", f.chordToneRatioDuration},
            {"scale_tone_ratio", f.scaleToneRatio},
            {"scale_tone_ratio_duration", f.scaleToneRatioDuration},
            {"pc_entropy_1bar", f.pcEntropy1Bar},
            {"pc_entropy_4bar", f.pcEntropy4Bar},
            {"groove_similarity", f.grooveSimilarity},
            {"notes_per_bar", f.notesPerBar},
            {"pitch_range", f.pitchRange},
            {"mean_abs_interval", f.meanAbsInterval}};
}

int longestCopiedRun(const Line& line, const std::vector<Line>& corpus) {
    // (interval, duration in 1/12 beats) pairs as integers.
    auto pairsOf = [](const Line& l) {
        std::vector<int64_t> p;
        for (size_t i = 1; i < l.notes.size(); ++i)
            p.push_back(int64_t(l.notes[i].pitch - l.notes[i - 1].pitch) * 100000 +
                        std::lround(l.notes[i].duration * 12));
        return p;
    };
    const auto mine = pairsOf(line);
    std::vector<std::vector<int64_t>> theirs;
    for (const Line& c : corpus)
        theirs.push_back(pairsOf(c));
    // Grow the run length k while some k-gram of ours occurs in the corpus.
    int best = 0;
    for (int k = 1; k <= int(mine.size()); ++k) {
        std::unordered_set<std::string> grams;
        for (const auto& t : theirs)
            for (size_t i = 0; i + size_t(k) <= t.size(); ++i)
                grams.insert(std::string(reinterpret_cast<const char*>(&t[i]), size_t(k) * 8));
        bool found = false;
        for (size_t i = 0; i + size_t(k) <= mine.size() && !found; ++i)
            found = grams.count(std::string(reinterpret_cast<const char*>(&mine[i]), size_t(k) * 8));
        if (!found)
            break;
        best = k;
    }
    return best == 0 ? 0 : best + 1;
}

double overlap(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.empty() || b.empty())
        return 0;
    double lo = INFINITY, hi = -INFINITY;
    for (const auto* v : {&a, &b})
        for (double x : *v) {
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    if (hi - lo < 1e-12)
        return 1;
    // Silverman's rule of thumb, floored at 2% of the pooled range so that a set of identical
    // values (a feature that never varies within it) is a narrow bump rather than a spike.
    auto bandwidth = [&](std::vector<double> v) {
        const double n = double(v.size());
        double mean = 0, var = 0;
        for (double x : v)
            mean += x / n;
        for (double x : v)
            var += (x - mean) * (x - mean) / std::max(1.0, n - 1);
        std::sort(v.begin(), v.end());
        const double iqr = v[size_t(0.75 * (n - 1))] - v[size_t(0.25 * (n - 1))];
        double spread = std::sqrt(var);
        if (iqr > 0)
            spread = std::min(spread, iqr / 1.34);
        return std::max(0.9 * spread * std::pow(n, -0.2), 0.02 * (hi - lo));
    };
    const double ha = bandwidth(a), hb = bandwidth(b);
    const double from = lo - 4 * std::max(ha, hb), to = hi + 4 * std::max(ha, hb);
    constexpr int kPoints = 1024;
    auto density = [](const std::vector<double>& v, double h, double x) {
        double sum = 0;
        for (double xi : v) {
            const double z = (x - xi) / h;
            sum += std::exp(-0.5 * z * z);
        }
        return sum / (double(v.size()) * h * std::sqrt(2 * M_PI));
    };
    double shared = 0, massA = 0, massB = 0;
    for (int i = 0; i < kPoints; ++i) {
        const double x = from + (to - from) * (i + 0.5) / kPoints;
        const double fa = density(a, ha, x), fb = density(b, hb, x);
        shared += std::min(fa, fb);
        massA += fa;
        massB += fb;
    }
    // Divided by the grid's own masses so that identical sets give exactly 1.
    return std::clamp(shared / std::max(massA, massB), 0.0, 1.0);
}

} // namespace jazz::evaluate
