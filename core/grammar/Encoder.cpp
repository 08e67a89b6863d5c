#include "grammar/Encoder.h"

#include "theory/Scale.h"

namespace jazz::grammar {

using theory::Chord;
using theory::Interval;
using theory::Pitch;

namespace {

bool isApproachTone(const Pitch& pitch, const Chord& chord) {
    // deepjazz compares names with each chord tone a semitone up and down, and with their
    // enharmonic respellings.
    const int pc = pitch.pitchClass();
    const std::string name = pitch.name();
    for (const Pitch& c : chord.pitches()) {
        for (int d : {1, -1}) {
            const Pitch step = Pitch::fromMidi(c.midi() + d);
            if (step.name() == name || step.pitchClass() == pc)
                return true;
        }
    }
    return false;
}

} // namespace

ToneType classify(const Pitch& pitch, const Chord& chord) {
    if (chord.empty())
        return ToneType::Other;
    if (chord.hasName(pitch.name()))
        return ToneType::Chord;
    if (theory::scaleForChord(chord).hasName(pitch.name()))
        return ToneType::Scale;
    if (isApproachTone(pitch, chord))
        return ToneType::Approach;
    return ToneType::Other;
}

std::vector<Value> encodeMeasure(const corpus::Measure& measure,
                                 const std::optional<Chord>& heldChord) {
    struct Timed {
        double offset;
        Chord chord;
    };
    std::vector<Timed> chords;
    for (const corpus::ChordEvent& c : measure.chords)
        chords.push_back({c.offset, c.chord()});
    if (chords.empty() && heldChord)
        chords.push_back({measure.start, *heldChord});

    std::vector<Value> out;
    std::optional<Pitch> previous;
    for (const corpus::MelodyEvent& e : measure.melody) {
        if (e.kind == corpus::MelodyEvent::DoubleStop)
            continue;
        Value v;
        v.duration = e.duration;
        if (e.kind == corpus::MelodyEvent::Rest) {
            v.type = ToneType::Rest;
            out.push_back(v);
            continue;
        }
        const Chord* last = nullptr;
        for (int pass = 0; pass < 2 && !last; ++pass) {
            for (const Timed& t : chords)
                if (t.offset <= e.offset)
                    last = &t.chord;
            if (!last && !chords.empty())
                chords.front().offset = measure.start; // deepjazz's fallback, kept for later notes
        }
        const Pitch pitch = Pitch::fromMidi(e.pitches.front());
        v.type = last ? classify(pitch, *last) : ToneType::Other;
        if (previous) {
            const Interval step = Interval::between(*previous, pitch);
            const Interval m3 = *Interval::parse("m3");
            v.upper = theory::add({step, m3});
            v.lower = theory::subtract({step, m3});
        }
        previous = pitch;
        out.push_back(v);
    }
    return out;
}

std::vector<std::vector<Value>> encode(const corpus::LeadSheet& sheet) {
    std::vector<std::vector<Value>> out;
    std::optional<Chord> held;
    for (const corpus::Measure& m : sheet.measures) {
        out.push_back(encodeMeasure(m, held));
        if (!m.chords.empty())
            held = m.chords.back().chord();
    }
    return out;
}

} // namespace jazz::grammar
