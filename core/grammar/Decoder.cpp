#include "grammar/Decoder.h"

#include "theory/ChordAtTime.h"
#include "theory/Interval.h"
#include "theory/Scale.h"

#include <algorithm>
#include <cmath>

namespace jazz::grammar {

using theory::Chord;
using theory::Pitch;

namespace {

// Uniform index in [0, n) by rejection, identical on every standard library.
size_t pick(std::mt19937& rng, size_t n) {
    const uint32_t limit = uint32_t((uint64_t(1) << 32) - ((uint64_t(1) << 32) % n));
    uint32_t r;
    do
        r = uint32_t(rng());
    while (limit != 0 && r >= limit);
    return r % n;
}

bool coin(std::mt19937& rng) { return rng() & 1u; }

bool isChordTone(const Pitch& p, const Chord& c) { return c.hasName(p.name()); }

bool isScaleTone(const Pitch& p, const Chord& c) {
    return theory::scaleForChord(c).hasName(p.name());
}

bool isApproachTone(const Pitch& p, const Chord& c) {
    for (const Pitch& t : c.pitches()) {
        const int d = ((t.pitchClass() - p.pitchClass()) % 12 + 12) % 12;
        if (d == 1 || d == 11)
            return true;
    }
    return false;
}

// The encoder's classes: each excludes the ones before it (Encoder.cpp's classify).
bool inStrictClass(ToneType type, const Pitch& p, const Chord& c) {
    const bool chordTone = isChordTone(p, c);
    if (type == ToneType::Chord)
        return chordTone;
    const bool scaleTone = !chordTone && isScaleTone(p, c);
    if (type == ToneType::Scale)
        return scaleTone;
    const bool approach = !chordTone && !scaleTone && isApproachTone(p, c);
    if (type == ToneType::Approach)
        return approach;
    return !chordTone && !scaleTone && !approach;
}

bool inClass(ToneType type, const Pitch& p, const Chord& c) {
    switch (type) {
    case ToneType::Chord:
        return isChordTone(p, c);
    case ToneType::Scale:
        return isScaleTone(p, c);
    default:
        return isApproachTone(p, c);
    }
}

// deepjazz's __generate_scale_tone: major scale for a major chord, else the weighted
// hexatonic blues (its blue note drawn at random); the octave of a random chord tone.
int scaleTone(const Chord& c, std::mt19937& rng) {
    const bool major = c.quality() == "major";
    const theory::Scale s = theory::Scale::derive(
        major ? theory::ScaleKind::Major : theory::ScaleKind::HexatonicBlues, c, coin(rng));
    const auto& ps = s.pitches(); // the tonic twice, as deepjazz's name list has it
    const Pitch name = ps[pick(rng, ps.size())];
    const auto sorted = c.sortedAscending();
    const int octave = sorted[pick(rng, sorted.size())].octave();
    return Pitch(name.step(), name.alter(), octave).midi();
}

int withOctaveFloor(int midi, int minOctave) {
    while (Pitch::fromMidi(midi).octave() < minOctave)
        midi += 12;
    // deepjazz has no ceiling; keep solos playable on a guitar-range instrument.
    while (midi > 96)
        midi -= 12;
    return midi;
}

// How the walk draws a pitch: the notebook's algorithm is {false, false, -1, 0}, the studio's
// {true, true, its options}.
struct Drawing {
    bool strictClasses = false; // the encoder's exclusive classes first
    bool voiceLead = false;     // a note without a range leads on from the previous pitch
    int center = -1;            // register to lean towards, -1: none
    double intervalFocus = 0;   // sd around the range's middle, 0: uniform
};

std::vector<DecodedNote> walk(const std::vector<Value>& values,
                              const std::vector<TimedChord>& chords, std::mt19937& rng,
                              const Drawing& style, int previousPitch);

} // namespace

std::vector<Value> readApproachAndOtherAsChord(std::vector<Value> values) {
    for (Value& v : values)
        if (v.type == ToneType::Approach || v.type == ToneType::Other)
            v.type = ToneType::Chord;
    return values;
}

std::vector<Value> snapDurations(std::vector<Value> values, std::mt19937& rng,
                                 bool keepTriplets) {
    for (Value& v : values) {
        if (keepTriplets) {
            const double twelfths = v.duration * 12;
            if (std::abs(twelfths - std::round(twelfths)) < 0.02) {
                v.duration = std::round(twelfths) / 12;
                continue;
            }
        }
        const double steps = v.duration / 0.25;
        const double down = std::floor(steps + 1e-9);
        const bool onGrid = std::abs(steps - std::round(steps)) < 1e-9;
        const bool up = coin(rng);
        if (!onGrid)
            v.duration = 0.25 * (up ? down + 1 : down);
    }
    return values;
}

std::vector<DecodedNote> decodeNotebook(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng) {
    return walk(values, chords, rng, Drawing{}, -1);
}

std::vector<DecodedNote> decodeStudio(const std::vector<Value>& values,
                                      const std::vector<TimedChord>& chords, std::mt19937& rng,
                                      const StudioDecoding& options, int previousPitch) {
    return walk(values, chords, rng,
                Drawing{.strictClasses = true,
                        .voiceLead = true,
                        .center = options.center,
                        .intervalFocus = options.intervalFocus},
                previousPitch);
}

namespace {

std::vector<DecodedNote> walk(const std::vector<Value>& values,
                              const std::vector<TimedChord>& chords, std::mt19937& rng,
                              const Drawing& style, int previousPitch) {
    const bool strictClasses = style.strictClasses;
    // A candidate: uniform as deepjazz draws it, or leaning towards the register's centre.
    auto choose = [&](const std::vector<int>& fits, double middle) {
        const bool focus = style.intervalFocus > 0 && middle >= 0;
        if ((style.center < 0 && !focus) || fits.size() < 2)
            return fits[pick(rng, fits.size())];
        std::vector<double> w;
        double sum = 0;
        for (int m : fits) {
            const double d = style.center < 0 ? 0 : double(m - style.center) / 7.0;
            const double e = focus ? (double(m) - middle) / style.intervalFocus : 0;
            w.push_back(std::exp(-0.5 * (d * d + e * e)));
            sum += w.back();
        }
        double u = double(rng() >> 5) / double(1u << 27) * sum;
        for (size_t i = 0; i < fits.size(); ++i)
            if ((u -= w[i]) < 0)
                return fits[i];
        return fits.back();
    };
    std::vector<DecodedNote> out;
    if (chords.empty())
        return out;
    double offset = 0;
    // The previous measure's last note stands in as "previous" until this measure has one.
    DecodedNote carried;
    carried.pitch = previousPitch;
    const DecodedNote* prev = previousPitch >= 0 ? &carried : nullptr;
    // Pitches in [low, high] of the value's class; strict classes first when asked for.
    auto candidates = [&](ToneType type, int low, int high, int exclude, const Chord& chord) {
        std::vector<int> fits;
        for (int pass = strictClasses ? 0 : 1; pass < 2 && fits.empty(); ++pass)
            for (int m = std::max(low, 0); m <= std::min(high, 127); ++m)
                if (m != exclude && (pass == 0 ? inStrictClass(type, Pitch::fromMidi(m), chord)
                                               : inClass(type, Pitch::fromMidi(m), chord)))
                    fits.push_back(m);
        return fits;
    };
    for (const Value& v : values) {
        const double start = offset;
        offset += v.duration;
        if (v.type == ToneType::Rest)
            continue;
        // The last chord at or before the onset; before the first chord, the first chord.
        auto offsetOf = [](const TimedChord& t) { return t.offset; };
        const Chord* chord = &theory::chordAtTime(chords, start, offsetOf)->chord;
        if (chord->empty())
            continue;
        DecodedNote n;
        n.offset = start;
        n.duration = v.duration;
        n.type = v.type;
        if ((style.voiceLead && prev && !v.hasRange()) || (strictClasses && !prev)) {
            // Voice leading (over the bar line, or a value sampled without a range): the class
            // within a fifth of the last pitch, the nearest likeliest.
            // With no pitch yet, a strict class is drawn from the middle of the staff.
            const auto fits = prev ? candidates(v.type, prev->pitch - 7, prev->pitch + 7,
                                                prev->pitch, *chord)
                                   : candidates(v.type, 60, 79, -1, *chord);
            if (!fits.empty()) {
                n.pitch = withOctaveFloor(choose(fits, prev ? double(prev->pitch) : -1.0), 3);
                n.source = DecodedNote::Source::Unbounded;
                out.push_back(n);
                prev = &out.back();
                continue;
            }
        }
        if (!v.hasRange() || !prev) {
            int midi;
            if (v.type == ToneType::Chord)
                midi = chord->pitches()[pick(rng, chord->pitches().size())].midi();
            else if (v.type == ToneType::Scale)
                midi = scaleTone(*chord, rng);
            else
                midi = scaleTone(*chord, rng) + (coin(rng) ? 1 : -1);
            n.pitch = withOctaveFloor(midi, 4);
            n.source = DecodedNote::Source::Unbounded;
        } else {
            const theory::Interval a = *v.upper, b = *v.lower;
            const bool aUpper = a.cents() > b.cents();
            const theory::Interval& upper = aUpper ? a : b;
            const theory::Interval& lower = aUpper ? b : a;
            const Pitch p = Pitch::fromMidi(prev->pitch);
            n.low = lower.transpose(p).midi();
            n.high = upper.transpose(p).midi();
            std::vector<int> fits = candidates(v.type, n.low, n.high, prev->pitch, *chord);
            if (fits.empty() && n.low <= prev->pitch && prev->pitch <= n.high &&
                inClass(v.type, p, *chord))
                fits.push_back(prev->pitch); // deepjazz keeps the one fitting pitch, even a repeat
            if (!fits.empty()) {
                n.pitch = choose(fits, 0.5 * (n.low + n.high));
                n.source = DecodedNote::Source::InRange;
            } else {
                n.pitch = prev->pitch + (coin(rng) ? 2 : -2);
                n.source = DecodedNote::Source::Fallback;
            }
            n.pitch = withOctaveFloor(n.pitch, 3);
        }
        out.push_back(n);
        prev = &out.back();
    }
    return out;
}

} // namespace

std::vector<DecodedNote> pruneAndCleanUp(std::vector<DecodedNote> notes) {
    std::vector<DecodedNote> out;
    for (DecodedNote& n : notes) {
        if (n.duration <= 0)
            n.duration = 0.25;
        if (!out.empty() && out.back().pitch == n.pitch)
            continue; // a repeated note
        if (!out.empty() && std::abs(out.back().offset - n.offset) < 1e-9)
            continue; // same onset: keep the first
        out.push_back(n);
    }
    return out;
}

std::vector<DecodedNote> realizeNotebookMeasure(const std::vector<Value>& values,
                                                const std::vector<TimedChord>& chords,
                                                std::mt19937& rng) {
    const auto snapped = snapDurations(readApproachAndOtherAsChord(values), rng, false);
    return pruneAndCleanUp(decodeNotebook(snapped, chords, rng));
}

std::vector<DecodedNote> realizeStudioMeasure(const std::vector<Value>& values,
                                              const std::vector<TimedChord>& chords,
                                              std::mt19937& rng, const StudioDecoding& options,
                                              int previousPitch) {
    const auto snapped = snapDurations(values, rng, options.keepTriplets);
    return pruneAndCleanUp(decodeStudio(snapped, chords, rng, options, previousPitch));
}

std::vector<DecodedNote> realizeMeasure(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng,
                                        const Decoding& decoding, int previousPitch) {
    return decoding.isNotebook()
               ? realizeNotebookMeasure(values, chords, rng)
               : realizeStudioMeasure(values, chords, rng, decoding.studio, previousPitch);
}

} // namespace jazz::grammar
