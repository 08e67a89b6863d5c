#include "generate/Improviser.h"

#include "Error.h"
#include "dataset/Conditions.h"

#include <algorithm>
#include <random>

namespace jazz::generate {

namespace {

uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The bar's chords as the decoder reads them: its own, else the last chord before it rings on.
std::vector<grammar::TimedChord> decoderChords(const Progression& p, int bar) {
    std::vector<grammar::TimedChord> chords;
    for (const BarChord& c : p.bars[size_t(bar)])
        chords.push_back({c.offset, theory::Chord::fromMidi(c.pitches)});
    for (int b = bar - 1; chords.empty() && b >= 0; --b)
        if (!p.bars[size_t(b)].empty())
            chords = {{0, theory::Chord::fromMidi(p.bars[size_t(b)].back().pitches)}};
    return chords;
}

// The last chord sounding at or before the bar's end (the chord-aware model's held chord).
const std::vector<int>* heldPitches(const Progression& p, int bar) {
    for (int b = bar; b >= 0; --b)
        if (!p.bars[size_t(b)].empty())
            return &p.bars[size_t(b)].back().pitches;
    return nullptr;
}

// The corpus melody's median pitch (of an even sample of at most 4096 notes, so that a take
// costs the same whatever the corpus), or -1 when the model holds no melody.
int corpusCenter(const model::TrainedModel& m) {
    size_t total = 0;
    for (const auto& measure : m.corpusMelody)
        total += measure.size();
    const size_t stride = std::max<size_t>(1, (total + 4095) / 4096);
    std::vector<int> pitches;
    size_t k = 0;
    for (const auto& measure : m.corpusMelody)
        for (const auto& n : measure)
            if (k++ % stride == 0)
                pitches.push_back(n.pitch);
    if (pitches.empty())
        return -1;
    std::nth_element(pitches.begin(), pitches.begin() + long(pitches.size() / 2), pitches.end());
    return pitches[pitches.size() / 2];
}

} // namespace

uint32_t Improviser::barSeed(uint32_t seed, int bar) {
    return uint32_t(splitmix64((uint64_t(seed) << 32) | uint32_t(bar)) >> 32);
}

Improviser::Improviser(const model::TrainedModel& m, const GenerateOptions& o)
    : model_(m), sampling_(o.sampling), decoding_(o.decoding), maxValuesPerBar_(o.maxValuesPerBar),
      openWithSixteenth_(o.openWithSixteenth),
      carryState_(o.carryState), state_{model::LstmState(m.model.config.nA)} {
    if (decoding_.studio.center >= 0) { // lean towards the corpus's register when known
        const int c = corpusCenter(m);
        if (c >= 0)
            decoding_.studio.center = c;
    }
}

void Improviser::reset() {
    state_ = {model::LstmState(model_.model.config.nA)};
}

void Improviser::stepWith(int input, const Progression& bars, int barIndex, double position,
                          std::vector<float>& probs, ImproviserState& s) const {
    std::vector<float> conditions;
    if (model_.model.config.nCond > 0) {
        // Where the next value will start, and the chord sounding there.
        std::vector<dataset::BarChordRef> refs;
        for (const BarChord& c : bars.bars[size_t(barIndex)])
            refs.push_back({c.offset, &c.pitches});
        const std::vector<int>* chord =
            dataset::chordAt(refs, position, heldPitches(bars, barIndex));
        conditions.resize(dataset::kConditionWidth);
        dataset::conditionFeatures(chord ? *chord : std::vector<int>{}, position,
                                   conditions.data());
    }
    model::step(model_.model, input, s.lstm, probs,
                conditions.empty() ? nullptr : conditions.data());
}

int Improviser::prime(const Progression& bars, int first,
                      const std::vector<std::vector<std::string>>& values, int lastPitch) {
    int fed = 0;
    std::vector<float> probs;
    for (size_t i = 0; i < values.size(); ++i) {
        const int b = first + int(i);
        if (b < 0 || b >= int(bars.bars.size()))
            throw Error("priming bar " + std::to_string(b + 1) + " lies outside the progression");
        double position = 0;
        for (const std::string& text : values[i]) {
            const auto v = grammar::Value::parse(text);
            if (!v)
                throw Error("cannot prime with a bad value '" + text + "'");
            if (const auto index = model_.vocabulary.indexOrUnknown(text)) {
                // The step that would have predicted this value, then the value as its input.
                stepWith(state_.input, bars, b, position, probs, state_);
                state_.input = *index;
                ++fed;
            }
            position += v->duration;
        }
    }
    if (lastPitch >= 0)
        state_.previousPitch = lastPitch;
    return fed;
}

std::vector<float> Improviser::firstValueProbabilities(const Progression& bars,
                                                       int barIndex) const {
    ImproviserState s =
        carryState_ ? state_ : ImproviserState{model::LstmState(model_.model.config.nA)};
    std::vector<float> probs;
    stepWith(s.input, bars, barIndex, openWithSixteenth_ ? 0.25 : 0.0, probs, s);
    return probs;
}

ImprovisedBar Improviser::nextBar(const Progression& bars, int barIndex, uint32_t seed) {
    if (barIndex < 0 || barIndex >= int(bars.bars.size()))
        throw Error("bar " + std::to_string(barIndex + 1) + " lies outside the progression");
    ImprovisedBar out;
    out.bar = barIndex;
    out.seed = seed;
    out.before = state_;
    // One seed, two engines: what is sampled does not shift how it is decoded, and back.
    std::mt19937 samplerRng(uint32_t(splitmix64(uint64_t(seed) * 2)));
    std::mt19937 decoderRng(uint32_t(splitmix64(uint64_t(seed) * 2 + 1)));
    const double barLength = bars.beatsPerBar;

    // The notebook starts every bar from C,0.25 and a fresh (zero) state.
    if (!carryState_) {
        state_.lstm = model::LstmState(model_.model.config.nA);
        state_.input = -1;
    }
    std::vector<grammar::Value> values;
    if (openWithSixteenth_) {
        values.push_back(*grammar::Value::parse("C,0.25"));
        out.values.push_back(values.front().toString());
    }
    double filled = values.empty() ? 0.0 : values.front().duration;
    const auto unknown = model_.vocabulary.unknownIndex();
    std::vector<float> probs;
    while (filled < barLength && int(values.size()) < maxValuesPerBar_) {
        stepWith(state_.input, bars, barIndex, filled, probs, state_);
        if (unknown && *unknown < int(probs.size()) && probs.size() > 1)
            probs[size_t(*unknown)] = 0; // choose() renormalizes what is left
        state_.input = choose(probs, sampling_, samplerRng);
        const std::string& text = model_.vocabulary.value(state_.input);
        auto v = grammar::Value::parse(text);
        if (!v)
            throw Error("model vocabulary holds a bad value '" + text + "'");
        filled += v->duration;
        values.push_back(*v);
        out.values.push_back(text);
    }
    const auto notes = grammar::realizeMeasure(values, decoderChords(bars, barIndex), decoderRng,
                                               decoding_, state_.previousPitch);
    for (const grammar::DecodedNote& n : notes) {
        if (n.offset >= barLength - 1e-9)
            break; // past the bar: the sampled values overflowed it
        SoloNote s;
        s.start = n.offset;
        s.duration = std::min(n.duration, barLength - n.offset);
        s.pitch = std::clamp(n.pitch, 0, 127);
        // Written mezzo-forte: dynamics are the performance stage's (perform/Performance.h).
        s.velocity = 90;
        out.notes.push_back(s);
    }
    if (!out.notes.empty())
        state_.previousPitch = out.notes.back().pitch;
    out.after = state_;
    return out;
}

} // namespace jazz::generate
