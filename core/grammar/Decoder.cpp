#include "grammar/Decoder.h"

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

} // namespace

std::vector<Value> readApproachAndOtherAsChord(std::vector<Value> values) {
    for (Value& v : values)
        if (v.type == ToneType::Approach || v.type == ToneType::Other)
            v.type = ToneType::Chord;
    return values;
}

std::vector<Value> snapDurations(std::vector<Value> values, std::mt19937& rng) {
    for (Value& v : values) {
        const double steps = v.duration / 0.25;
        const double down = std::floor(steps + 1e-9);
        const bool onGrid = std::abs(steps - std::round(steps)) < 1e-9;
        const bool up = coin(rng);
        if (!onGrid)
            v.duration = 0.25 * (up ? down + 1 : down);
    }
    return values;
}

std::vector<DecodedNote> decode(const std::vector<Value>& values,
                                const std::vector<TimedChord>& chords, std::mt19937& rng) {
    std::vector<DecodedNote> out;
    if (chords.empty())
        return out;
    double offset = 0;
    const DecodedNote* prev = nullptr;
    for (const Value& v : values) {
        const double start = offset;
        offset += v.duration;
        if (v.type == ToneType::Rest)
            continue;
        // The last chord at or before the onset; before the first chord, the first chord.
        const Chord* chord = &chords.front().chord;
        for (const TimedChord& t : chords)
            if (t.offset <= start + 1e-9)
                chord = &t.chord;
        if (chord->empty())
            continue;
        DecodedNote n;
        n.offset = start;
        n.duration = v.duration;
        n.type = v.type;
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
            std::vector<int> fits;
            for (int m = n.low; m <= n.high; ++m)
                if (m != prev->pitch && inClass(v.type, Pitch::fromMidi(m), *chord))
                    fits.push_back(m);
            if (fits.empty() && n.low <= prev->pitch && prev->pitch <= n.high &&
                inClass(v.type, p, *chord))
                fits.push_back(prev->pitch); // deepjazz keeps the one fitting pitch, even a repeat
            if (!fits.empty()) {
                n.pitch = fits[pick(rng, fits.size())];
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

std::vector<DecodedNote> realizeMeasure(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng) {
    return pruneAndCleanUp(
        decode(snapDurations(readApproachAndOtherAsChord(values), rng), chords, rng));
}

} // namespace jazz::grammar
