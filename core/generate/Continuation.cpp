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

int lastPitchBefore(const std::vector<SoloNote>& notes, double time) {
    int pitch = -1;
    double at = -1;
    for (const auto& n : notes)
        if (n.start < time - 1e-9 && n.start >= at) {
            at = n.start;
            pitch = n.pitch;
        }
    return pitch;
}

} // namespace

Phrase readPhrase(const std::string& path, std::optional<double> swingRatio) {
    const midi::File file = midi::read(path);
    const midi::Song song = midi::toSong(file);
    corpus::ImportOptions io;
    for (const auto& t : song.tracks)
        if (t.name == "Solo" && !t.notes.empty())
            io.melodyTrack = std::to_string(t.index);
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

Solo continuePhrase(const model::TrainedModel& m, const Phrase& phrase,
                    const Progression& progression, const GenerateOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars");
    Solo solo;
    solo.progression = phrase.chords;
    solo.progression.beatsPerBar = progression.beatsPerBar;
    if (phrase.chords.beatsPerBar != progression.beatsPerBar)
        throw Error(phrase.source + ": the phrase has " +
                    std::to_string(phrase.chords.beatsPerBar) + " beats a bar, the progression " +
                    std::to_string(progression.beatsPerBar));
    solo.progression.bars.insert(solo.progression.bars.end(), progression.bars.begin(),
                                 progression.bars.end());
    Improviser improviser(m, options);
    improviser.prime(solo.progression, 0, phrase.values, lastPitchBefore(phrase.notes, 1e300));
    solo.notes = phrase.notes;
    for (int b = 0; b < phrase.bars(); ++b) {
        int notes = 0;
        for (const auto& n : phrase.notes)
            notes += int(std::floor(n.start / progression.beatsPerBar + 1e-9)) == b;
        solo.bars.push_back({b, int(phrase.values[size_t(b)].size()), notes});
        solo.values.insert(solo.values.end(), phrase.values[size_t(b)].begin(),
                           phrase.values[size_t(b)].end());
    }
    for (int b = phrase.bars(); b < int(solo.progression.bars.size()); ++b)
        appendBar(solo,
                  improviser.nextBar(solo.progression, b, Improviser::barSeed(options.seed, b)));
    return solo;
}

Solo regenerateBars(const model::TrainedModel& m, const Phrase& take, int first, int last,
                    const GenerateOptions& options) {
    if (first < 0 || last < first || last >= take.bars())
        throw Error(take.source + ": cannot regenerate bars " + std::to_string(first + 1) + ":" +
                    std::to_string(last + 1) +
                    ", the take has bars 1:" + std::to_string(take.bars()));
    const double barLength = take.chords.beatsPerBar;
    auto barOf = [&](const SoloNote& n) { return int(std::floor(n.start / barLength + 1e-9)); };
    Improviser improviser(m, options);
    improviser.prime(take.chords, 0, {take.values.begin(), take.values.begin() + first},
                     lastPitchBefore(take.notes, first * barLength));
    Solo solo;
    solo.progression = take.chords;
    for (int b = 0; b < take.bars(); ++b) {
        if (b >= first && b <= last) {
            appendBar(solo,
                      improviser.nextBar(take.chords, b, Improviser::barSeed(options.seed, b)));
            continue;
        }
        int notes = 0;
        for (const auto& n : take.notes)
            if (barOf(n) == b) {
                solo.notes.push_back(n);
                ++notes;
            }
        solo.bars.push_back({b, int(take.values[size_t(b)].size()), notes});
        solo.values.insert(solo.values.end(), take.values[size_t(b)].begin(),
                           take.values[size_t(b)].end());
    }
    return solo;
}

} // namespace jazz::generate
