#include "compose/Recording.h"

#include "generate/TakeBar.h"

#include <algorithm>

namespace jazz::compose {

std::vector<generate::SoloNote> readRecording(const std::vector<playback::BeatMessage>& messages,
                                              double until, const RecordingSpan& span) {
    QuantizeOptions q;
    q.beatsPerBar = span.beatsPerBar;
    q.origin = span.origin;
    q.bars = std::max(1, span.bars);
    auto notes = quantize(pairNotes(messages, until), q);
    const double shift = span.firstBar * span.beatsPerBar;
    for (auto& n : notes)
        n.start += shift;
    return notes;
}

generate::Solo withRecording(const generate::Solo& take,
                             const std::vector<generate::SoloNote>& notes, int first, int last) {
    generate::Solo out = take;
    out.fitBars();
    const double bpb = take.progression.beatsPerBar;
    const double from = first * bpb, to = (last + 1) * bpb;
    out.notes.clear();
    for (generate::SoloNote n : take.notes) {
        const int bar = take.barOf(n);
        if (bar >= first && bar <= last)
            continue;
        if (n.start < from && n.start + n.duration > from + 1e-9)
            n.duration = from - n.start; // it would sound over the recorded bars
        out.notes.push_back(n);
    }
    for (const generate::SoloNote& n : notes) {
        const int bar = take.barOf(n);
        if (bar >= first && bar <= last && n.start < to)
            out.notes.push_back(n);
    }
    std::stable_sort(out.notes.begin(), out.notes.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    std::vector<int> bars;
    for (int b = first; b <= last; ++b)
        bars.push_back(b);
    out.markEdited(bars); // re-encoded from the notes now there
    for (int b : bars)
        if (b >= 0 && b < int(out.bars.size())) {
            out.bars[size_t(b)].origin = generate::BarOrigin::Recorded;
            out.bars[size_t(b)].seed = 0;
        }
    return out;
}

generate::Solo firstBars(const generate::Solo& take, int bars) {
    generate::Solo out = take;
    out.fitBars();
    bars = std::clamp(bars, 0, int(take.progression.bars.size()));
    out.progression.bars.resize(size_t(bars));
    out.bars.resize(size_t(bars));
    const double end = bars * take.progression.beatsPerBar;
    out.notes.clear();
    for (generate::SoloNote n : take.notes) {
        if (n.start >= end - 1e-9 || take.barOf(n) >= bars)
            continue;
        n.duration = std::min(n.duration, end - n.start);
        out.notes.push_back(n);
    }
    return out;
}

int tradedBars(const TradeResult& result) {
    int bars = 0;
    for (const auto& b : result.bars)
        bars = std::max(bars, b.bar + 1);
    return std::min(bars, int(result.progression.bars.size()));
}

generate::Solo tradeSolo(const TradeResult& result) {
    const int bars = tradedBars(result);
    generate::Solo solo;
    solo.progression = result.progression;
    solo.progression.bars.resize(size_t(bars));
    const double end = bars * solo.progression.beatsPerBar;
    for (const auto& n : result.notes)
        if (n.start < end - 1e-9)
            solo.notes.push_back(n);
    solo.bars.assign(size_t(bars), {});
    std::vector<bool> known(size_t(bars), false);
    for (const auto& b : result.bars) {
        if (b.bar < 0 || b.bar >= bars)
            continue;
        auto& rec = solo.bars[size_t(b.bar)];
        rec.values = b.values;
        rec.seed = b.seed;
        rec.origin = b.origin == BarOrigin::Recorded ? generate::BarOrigin::Recorded
                                                     : generate::BarOrigin::Generated;
        known[size_t(b.bar)] = true;
    }
    for (int b = 0; b < bars; ++b)
        if (!known[size_t(b)])
            solo.bars[size_t(b)] = {generate::encodeBar(solo.progression, solo.notes, b), 0,
                                    generate::BarOrigin::Unknown, false};
    return solo;
}

} // namespace jazz::compose
