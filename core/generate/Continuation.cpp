#include "generate/Continuation.h"

#include "Error.h"
#include "corpus/Import.h"
#include "generate/Improviser.h"
#include "grammar/Encoder.h"
#include "midi/Song.h"
#include "perform/Performance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace jazz::generate {

namespace {

bool onTwelfths(double t) {
    return std::abs(t * 12 - std::round(t * 12)) < 1e-3 * 12;
}
double snapTwelfths(double t) {
    return std::round(t * 12) / 12;
}

// The solo as written, from the solo as perform::perform played it: swing moves a swung beat's
// off-beat eighth from 0.5 to split = r/(1+r) (a beat swings when its written onsets all lie
// on the eighth grid) and everything in the beat linearly; human timing moves each onset by at
// most 15 ms, its duration unchanged. So: a beat whose onsets all lie within that of 0 or split
// was swung (its onsets were 0 and 0.5), any other onset snaps to the twelfth-of-a-beat grid;
// an end is unswung within its own beat the same way, then snapped.
std::vector<SoloNote> backOnTheGrid(const std::vector<midi::SongNote>& played, double bpm,
                                    double ratio) {
    const double tol = 15.0 * std::max(1.0, bpm) / 60000.0 + 0.01;
    const double split = ratio / (1 + ratio);
    auto beatOf = [&](double t) { return int(std::floor(t + tol)); };
    std::map<int, bool> swungFit;
    for (const auto& n : played) {
        const double f = n.start - beatOf(n.start);
        const bool fits = std::abs(f) < tol || std::abs(f - split) < tol;
        auto [it, fresh] = swungFit.try_emplace(beatOf(n.start), fits);
        if (!fresh)
            it->second = it->second && fits;
    }
    std::vector<midi::SongNote> written;
    for (const auto& n : played) {
        const int b = beatOf(n.start);
        const double f = n.start - b;
        midi::SongNote w = n;
        w.start = ratio > 1 + 1e-9 && swungFit[b]
                      ? b + (std::abs(f) < std::abs(f - split) ? 0.0 : 0.5)
                      : snapTwelfths(n.start);
        written.push_back(w);
    }
    const auto swung = perform::swungBeats(written, 0);
    std::vector<SoloNote> out;
    for (size_t i = 0; i < written.size(); ++i) {
        const double start = written[i].start;
        double end = (ratio > 1 + 1e-9 ? perform::swingTime(start, ratio, swung) : start) +
                     played[i].duration;
        const double eb = std::floor(end + 1e-6);
        if (ratio > 1 + 1e-9 && size_t(std::max(0.0, eb)) < swung.size() &&
            swung[size_t(std::max(0.0, eb))]) {
            const double g = std::max(0.0, end - eb);
            end = eb + (g <= split ? g / (2 * split) : 0.5 + (g - split) / (2 * (1 - split)));
        }
        end = std::max(start + 1.0 / 12, snapTwelfths(end));
        out.push_back({start, end - start, played[i].pitch, 90});
    }
    return out;
}

// The bar's index in the lead sheet's measures, or null.
const corpus::Measure* measureAt(const corpus::LeadSheet& sheet, int bar) {
    for (const auto& m : sheet.measures)
        if (m.bar == bar)
            return &m;
    return nullptr;
}

std::set<int> pitchClasses(const std::vector<int>& pitches) {
    std::set<int> out;
    for (int p : pitches)
        out.insert(p % 12);
    return out;
}

} // namespace

Phrase readPhrase(const std::string& path, std::optional<double> swingRatio) {
    const midi::File file = midi::read(path);
    const midi::Song song = midi::toSong(file);
    corpus::ImportOptions io;
    bool studioTake = false;
    for (const auto& t : song.tracks)
        if (t.name == "Solo" && !t.notes.empty()) {
            io.melodyTrack = std::to_string(t.index);
            studioTake = true;
        }
    const corpus::LeadSheet sheet = corpus::importLeadSheet(file, path, io);
    const double barLength = sheet.beatsPerBar;
    const midi::SongTrack* melody = nullptr;
    double end = 0;
    for (const auto& t : song.tracks) {
        if (t.index == sheet.melodyTrack)
            melody = &t;
        for (const auto& n : t.notes)
            end = std::max(end, n.start + n.duration);
    }
    if (!melody || sheet.measures.empty())
        throw Error(path + ": no melody to read");
    const int firstBar = sheet.measures.front().bar;
    // A played end may spill a little past the bar line (human timing); a twentieth of a beat
    // does not make a bar.
    const int lastBar =
        std::max(sheet.measures.back().bar, int(std::ceil(end / barLength - 0.05 / barLength)) - 1);
    Phrase p;
    p.source = path;
    p.studioTake = studioTake;
    p.bpm = song.bpm;
    p.chords.beatsPerBar = barLength;
    const auto encoded = grammar::encode(sheet);
    for (int b = firstBar; b <= lastBar; ++b) {
        std::vector<BarChord> chords;
        std::vector<std::string> values;
        if (const corpus::Measure* m = measureAt(sheet, b)) {
            for (const auto& c : m->chords) // a comping part strikes a chord many times: once
                if (chords.empty() ||
                    pitchClasses(chords.back().pitches) != pitchClasses(c.pitches))
                    chords.push_back({c.offset - m->start, c.pitches, c.symbol().toString()});
            const size_t i = size_t(m - sheet.measures.data());
            for (const auto& v : encoded.at(i))
                values.push_back(v.toString());
        }
        // A bar where the chord track strikes nothing holds the chord before, as on a lead
        // sheet (an empty bar of a Progression would be N.C.: the band would stop).
        if (chords.empty() && !p.chords.bars.empty() && !p.chords.bars.back().empty()) {
            chords.push_back(p.chords.bars.back().back());
            chords.back().offset = 0;
        }
        p.chords.bars.push_back(std::move(chords));
        p.values.push_back(std::move(values));
    }
    const double origin = firstBar * barLength;
    for (const auto& n : melody->notes)
        p.onGrid = p.onGrid && onTwelfths(n.start) && onTwelfths(n.start + n.duration);
    std::vector<SoloNote> notes;
    if (!swingRatio) // a phrase: as it is
        for (const auto& n : melody->notes)
            notes.push_back({n.start, n.duration, n.pitch, n.velocity});
    else if (p.onGrid) // as written; snapped only to undo the file's tick rounding
        for (const auto& n : melody->notes)
            notes.push_back({snapTwelfths(n.start),
                             snapTwelfths(n.start + n.duration) - snapTwelfths(n.start), n.pitch,
                             90});
    else
        notes = backOnTheGrid(melody->notes, song.bpm, *swingRatio);
    for (SoloNote& n : notes)
        if (n.start >= origin - 1e-9) {
            n.start -= origin;
            p.notes.push_back(n);
        }
    return p;
}

Solo takeFromPhrase(const Phrase& phrase, BarOrigin origin) {
    Solo take;
    take.progression = phrase.chords;
    take.notes = phrase.notes;
    for (int b = 0; b < phrase.bars(); ++b)
        take.bars.push_back({phrase.values[size_t(b)], 0, origin, false});
    return take;
}

Solo improviseBars(const model::TrainedModel& m, const Solo& take, const std::vector<bool>& redo,
                   const GenerateOptions& options, int leadInCandidates) {
    const int bars = int(take.progression.bars.size());
    if (int(take.bars.size()) != bars)
        throw Error("the take has " + std::to_string(bars) + " bars but " +
                    std::to_string(take.bars.size()) + " bar records");
    auto redone = [&](int b) {
        return b >= 0 && b < int(redo.size()) && b < bars && redo[size_t(b)];
    };
    int lastRedone = -1;
    for (int b = 0; b < bars; ++b)
        if (redone(b))
            lastRedone = b;
    // Each bar's own notes, in their order.
    std::vector<std::vector<SoloNote>> own(static_cast<size_t>(bars));
    std::vector<SoloNote> stray; // notes outside the progression: kept, never lost
    for (const SoloNote& n : take.notes) {
        const int b = take.barOf(n);
        (b >= 0 && b < bars ? own[size_t(b)] : stray).push_back(n);
    }
    auto lastPitch = [](const std::vector<SoloNote>& notes) {
        const SoloNote* last = nullptr;
        for (const SoloNote& n : notes)
            if (!last || n.start >= last->start)
                last = &n;
        return last ? last->pitch : -1;
    };
    auto firstPitch = [](const std::vector<SoloNote>& notes) {
        const SoloNote* first = nullptr;
        for (const SoloNote& n : notes)
            if (!first || n.start < first->start)
                first = &n;
        return first ? first->pitch : -1;
    };

    Improviser improviser(m, options);
    Solo solo;
    solo.progression = take.progression;
    for (int b = 0; b < bars; ++b) {
        if (!redone(b)) {
            solo.notes.insert(solo.notes.end(), own[size_t(b)].begin(), own[size_t(b)].end());
            solo.bars.push_back(take.bars[size_t(b)]);
            if (b < lastRedone) // the model hears it as it is
                improviser.prime(take.progression, b, {take.bars[size_t(b)].values},
                                 lastPitch(own[size_t(b)]));
            continue;
        }
        const uint32_t seed = Improviser::barSeed(options.seed, b);
        const int target = b + 1 < bars && !redone(b + 1) ? firstPitch(own[size_t(b) + 1]) : -1;
        if (target < 0 || leadInCandidates <= 1) {
            appendBar(solo, improviser.nextBar(take.progression, b, seed));
            continue;
        }
        const ImproviserState before = improviser.snapshot();
        std::optional<ImprovisedBar> best;
        int bestDistance = 0;
        for (int i = 0; i < leadInCandidates; ++i) {
            improviser.restore(before);
            ImprovisedBar candidate = improviser.nextBar(
                take.progression, b, i == 0 ? seed : Improviser::barSeed(seed, -i));
            const int end = candidate.after.previousPitch;
            const int distance = end < 0 ? 1000 : std::abs(end - target);
            if (!best || distance < bestDistance) {
                bestDistance = distance;
                best = std::move(candidate);
            }
            if (bestDistance <= kLeadInReach)
                break;
        }
        improviser.restore(best->after);
        appendBar(solo, *best);
    }
    solo.notes.insert(solo.notes.end(), stray.begin(), stray.end());
    return solo;
}

Solo continuePhrase(const model::TrainedModel& m, const Phrase& phrase,
                    const Progression& progression, const GenerateOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars");
    if (phrase.chords.beatsPerBar != progression.beatsPerBar)
        throw Error(phrase.source + ": the phrase has " +
                    std::to_string(phrase.chords.beatsPerBar) + " beats a bar, the progression " +
                    std::to_string(progression.beatsPerBar));
    Solo take = takeFromPhrase(phrase, BarOrigin::Primed);
    take.progression.bars.insert(take.progression.bars.end(), progression.bars.begin(),
                                 progression.bars.end());
    take.bars.resize(take.progression.bars.size());
    std::vector<bool> redo(take.progression.bars.size(), false);
    std::fill(redo.begin() + phrase.bars(), redo.end(), true);
    return improviseBars(m, take, redo, options);
}

Solo regenerateBars(const model::TrainedModel& m, const Phrase& take, int first, int last,
                    const GenerateOptions& options) {
    if (first < 0 || last < first || last >= take.bars())
        throw Error(take.source + ": cannot regenerate bars " + std::to_string(first + 1) + ":" +
                    std::to_string(last + 1) +
                    ", the take has bars 1:" + std::to_string(take.bars()));
    std::vector<bool> redo(size_t(take.bars()), false);
    std::fill(redo.begin() + first, redo.begin() + last + 1, true);
    return improviseBars(m, takeFromPhrase(take, BarOrigin::Unknown), redo, options);
}

} // namespace jazz::generate
