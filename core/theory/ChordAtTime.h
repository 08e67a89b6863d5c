// "Which chord sounds at time t": the one rule every part of the engine follows (the decoder,
// the chord-aware model's step features, the quality metrics, the MusicXML writer's spelling).
#pragma once

#include <iterator>

namespace jazz::theory {

// Before the first chord's start: a pickup is heard over the first chord (the decoder and the
// metrics), or over none (notation spells such notes by the key signature alone).
enum class BeforeFirstChord { First, None };

// Among chords in ascending order of start (startOf(chord) in any unit, e.g. quarter notes),
// the last one starting at or before t (a chord starting within 1e-9 after t counts as on it:
// onsets summed from durations land a hair early). Before the first chord: the first, or `last`
// with BeforeFirstChord::None; `last` when there are no chords.
template <class It, class StartOf>
It chordAtTime(It first, It last, double t, StartOf startOf,
               BeforeFirstChord before = BeforeFirstChord::First) {
    if (first == last)
        return last;
    It at = before == BeforeFirstChord::First ? first : last;
    for (It i = first; i != last; ++i)
        if (double(startOf(*i)) <= t + 1e-9)
            at = i;
    return at;
}

// The same over a whole container: a pointer to the chord, nullptr for none.
template <class Chords, class StartOf>
auto chordAtTime(const Chords& chords, double t, StartOf startOf,
                 BeforeFirstChord before = BeforeFirstChord::First)
    -> decltype(&*std::begin(chords)) {
    const auto it = chordAtTime(std::begin(chords), std::end(chords), t, startOf, before);
    return it == std::end(chords) ? nullptr : &*it;
}

} // namespace jazz::theory
