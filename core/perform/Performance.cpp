#include "perform/Performance.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace jazz::perform {

namespace {

constexpr double kEps = 1e-6;
constexpr double kTimingSdMs = 6; // about what good players show against their own beat
constexpr double kVelocitySd = 4;
constexpr int kWritten = 90; // a stored velocity of 90 is played as shaped

double fraction(double beat) {
    return beat - std::floor(beat + kEps);
}
bool onEighthGrid(double beat) {
    const double f = fraction(beat);
    return std::abs(f) < 1e-4 || std::abs(f - 0.5) < 1e-4 || std::abs(f - 1) < 1e-4;
}

} // namespace

double swingForTempo(double bpm) {
    struct Point {
        double bpm, ratio;
    };
    static const Point profile[] = {{60, 2.0}, {120, 1.7}, {200, 1.3}, {300, 1.1}};
    if (bpm <= profile[0].bpm)
        return profile[0].ratio;
    for (size_t i = 1; i < std::size(profile); ++i)
        if (bpm <= profile[i].bpm) {
            const double t = (bpm - profile[i - 1].bpm) / (profile[i].bpm - profile[i - 1].bpm);
            return profile[i - 1].ratio + t * (profile[i].ratio - profile[i - 1].ratio);
        }
    return profile[std::size(profile) - 1].ratio;
}

double swingRatio(const PerformOptions& o, double bpm) {
    return o.swing > 0 ? std::clamp(o.swing, 1.0, 3.0) : swingForTempo(bpm);
}

std::vector<bool> swungBeats(const std::vector<midi::SongNote>& notes, double lengthBeats) {
    double end = lengthBeats;
    for (const auto& n : notes)
        end = std::max(end, n.start + n.duration);
    std::vector<bool> swung(size_t(std::ceil(end)) + 1, true);
    for (const auto& n : notes) {
        const size_t beat = size_t(std::max(0.0, std::floor(n.start + kEps)));
        if (beat < swung.size() && !onEighthGrid(n.start))
            swung[beat] = false;
    }
    return swung;
}

double swingTime(double t, double ratio, const std::vector<bool>& swung) {
    if (t < 0)
        return t;
    const double beat = std::floor(t + kEps);
    const size_t i = size_t(beat);
    if (i >= swung.size() || !swung[i])
        return t;
    const double f = std::max(0.0, t - beat);
    const double split = ratio / (1 + ratio); // where the off-beat eighth lands
    const double g = f <= 0.5 ? f * 2 * split : split + (f - 0.5) * 2 * (1 - split);
    return beat + g;
}

std::vector<int> phraseVelocities(const std::vector<midi::SongNote>& notes) {
    const size_t n = notes.size();
    std::vector<double> v(n, 78);
    // Phrases: runs of notes with less than half a beat of rest between them.
    size_t first = 0;
    while (first < n) {
        size_t last = first;
        while (last + 1 < n &&
               notes[last + 1].start - (notes[last].start + notes[last].duration) < 0.5 - kEps)
            ++last;
        size_t peak = first;
        for (size_t i = first; i <= last; ++i)
            if (notes[i].pitch > notes[peak].pitch)
                peak = i;
        // The contour: up to the highest note, down after it (a 12-step swell at most).
        for (size_t i = first; i <= last; ++i) {
            const double span = i <= peak ? double(peak - first) : double(last - peak);
            const double dist = i <= peak ? double(peak - i) : double(i - peak);
            const double shape = span > 0 ? 1 - dist / span : 1;
            v[i] += -6 + 12 * shape;
        }
        if (last > first)
            v[peak] += 8; // the phrase's top note
        for (size_t i = first; i <= last; ++i) {
            const auto& x = notes[i];
            const bool offBeat = fraction(x.start) > 0.01 && fraction(x.start) < 0.99;
            const double end = x.start + x.duration;
            const double nextBeat = std::floor(x.start + kEps) + 1;
            const bool prevNear = i > first, nextNear = i < last;
            // Syncopation: off the beat and held over it, or the line rests on the next beat.
            const bool heldOver = end > nextBeat + 0.05;
            const bool anticipates = offBeat && (i == last || notes[i + 1].start > nextBeat + 0.05);
            if (offBeat && (heldOver || anticipates))
                v[i] += 12;
            if (prevNear && nextNear) {
                const int up = std::min(x.pitch - notes[i - 1].pitch, x.pitch - notes[i + 1].pitch);
                const int down =
                    std::min(notes[i - 1].pitch - x.pitch, notes[i + 1].pitch - x.pitch);
                const bool inLine = x.duration <= 0.5 + kEps;
                if (up >= 3)
                    v[i] += 6; // a leap up and back: the top of a turn speaks
                if (inLine && offBeat && !heldOver)
                    v[i] += 4; // the swing eighth's lift on the "and"
                if (inLine && down >= 2 && !offBeat)
                    v[i] = v[i] * 0.6; // a ghosted passing tone, felt more than heard
            }
        }
        first = last + 1;
    }
    std::vector<int> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = std::clamp(int(std::lround(v[i] * notes[i].velocity / kWritten)), 24, 124);
    return out;
}

std::vector<midi::SongNote> perform(const std::vector<midi::SongNote>& input, double bpm,
                                    const PerformOptions& o) {
    std::vector<midi::SongNote> notes = input;
    std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    if (o.dynamics) {
        const std::vector<int> v = phraseVelocities(notes);
        for (size_t i = 0; i < notes.size(); ++i)
            notes[i].velocity = v[i];
    }
    if (o.quantized)
        return notes;
    const double ratio = swingRatio(o, bpm);
    if (std::abs(ratio - 1) > 1e-9) {
        const auto swung = swungBeats(notes, 0);
        for (auto& n : notes) {
            const double start = swingTime(n.start, ratio, swung);
            const double end = swingTime(n.start + n.duration, ratio, swung);
            n.start = start;
            n.duration = std::max(end - start, 0.02);
        }
    }
    if (o.humanize > 0) {
        std::mt19937 rng(o.seed ^ 0x5eedu);
        std::normal_distribution<double> ms(0, kTimingSdMs * o.humanize);
        std::normal_distribution<double> vel(0, kVelocitySd * o.humanize);
        const double beatsPerMs = std::max(1.0, bpm) / 60000.0;
        const double limit = 2.5 * kTimingSdMs * o.humanize;
        for (auto& n : notes) {
            const double shift = std::clamp(ms(rng), -limit, limit) * beatsPerMs;
            n.start = std::max(0.0, n.start + shift);
            n.velocity = std::clamp(int(std::lround(n.velocity + vel(rng))), 1, 127);
        }
    }
    std::stable_sort(notes.begin(), notes.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    return notes;
}

} // namespace jazz::perform
