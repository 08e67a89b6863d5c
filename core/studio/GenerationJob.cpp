#include "studio/GenerationJob.h"

#include "Error.h"

namespace jazz::studio {

using generate::Solo;

namespace {

Solo withRecords(Solo take) {
    take.fitBars(); // a take from an older session or a file: records for every bar
    return take;
}

bool anyLocked(const Solo& take) {
    for (const auto& b : take.bars)
        if (b.locked)
            return true;
    return false;
}

// Which bars of the take the plan makes are improvised (the take already extended).
std::vector<bool> redoMask(const GenerationPlan& plan, const Solo& take) {
    const size_t bars = take.progression.bars.size();
    std::vector<bool> redo(bars, false);
    switch (plan.kind) {
    case GenerationKind::Fresh:
        for (size_t b = 0; b < bars; ++b)
            redo[b] = !(b < take.bars.size() && take.bars[b].locked);
        break;
    case GenerationKind::Regenerate:
        for (int b = plan.first; b <= plan.last && b < int(bars); ++b)
            redo[size_t(b)] = b >= 0 && !take.bars[size_t(b)].locked;
        break;
    case GenerationKind::Continue:
        for (size_t b = plan.take.progression.bars.size(); b < bars; ++b)
            redo[b] = true;
        break;
    }
    return redo;
}

// The take the plan works on, extended or replaced as the plan asks, with its mask.
std::pair<Solo, std::vector<bool>> prepare(const GenerationPlan& plan) {
    Solo take;
    switch (plan.kind) {
    case GenerationKind::Fresh:
        if (plan.progression.bars.empty())
            throw Error("the progression has no bars");
        if (anyLocked(plan.take) && sameChords(plan.take.progression, plan.progression)) {
            take = withRecords(plan.take);
            take.progression = plan.progression; // the spellings as written now
            for (auto& b : take.bars)
                if (!b.locked)
                    b = {};
        } else {
            take.progression = plan.progression;
            take.bars.resize(plan.progression.bars.size());
        }
        break;
    case GenerationKind::Regenerate: {
        take = withRecords(plan.take);
        const int bars = int(take.progression.bars.size());
        if (plan.first < 0 || plan.last < plan.first || plan.last >= bars)
            throw Error("cannot regenerate " + barRangeText(plan.first, plan.last) +
                        ": the take has bars 1-" + std::to_string(bars));
        bool open = false;
        for (int b = plan.first; b <= plan.last; ++b)
            open = open || !take.bars[size_t(b)].locked;
        if (!open)
            throw Error(barRangeText(plan.first, plan.last) +
                        (plan.first == plan.last ? " is" : " are all") +
                        " locked: unlock to regenerate");
        break;
    }
    case GenerationKind::Continue:
        if (plan.progression.bars.empty())
            throw Error("no bars to continue with");
        take = withRecords(plan.take);
        if (take.progression.bars.empty())
            take.progression.beatsPerBar = plan.progression.beatsPerBar;
        if (take.progression.beatsPerBar != plan.progression.beatsPerBar)
            throw Error("the take has " + std::to_string(take.progression.beatsPerBar) +
                        " beats a bar, the chords to continue with " +
                        std::to_string(plan.progression.beatsPerBar));
        take.progression.bars.insert(take.progression.bars.end(), plan.progression.bars.begin(),
                                     plan.progression.bars.end());
        take.bars.resize(take.progression.bars.size());
        break;
    }
    std::vector<bool> redo = redoMask(plan, take);
    return {std::move(take), std::move(redo)};
}

} // namespace

Solo runGeneration(const model::TrainedModel& model, const GenerationPlan& plan) {
    auto [take, redo] = prepare(plan);
    if (plan.kind == GenerationKind::Fresh && !anyLocked(take))
        return generate::generateSolo(model, take.progression, plan.options);
    return generate::improviseBars(model, take, redo, plan.options, plan.leadInCandidates);
}

std::vector<int> barsToImprovise(const GenerationPlan& plan) {
    const auto [take, redo] = prepare(plan);
    std::vector<int> out;
    for (size_t b = 0; b < redo.size(); ++b)
        if (redo[b])
            out.push_back(int(b));
    return out;
}

generate::Progression continuationChords(const generate::Progression& form, int takeBars,
                                         int count) {
    if (form.bars.empty())
        throw Error("the progression has no bars to continue over");
    generate::Progression p;
    p.beatsPerBar = form.beatsPerBar;
    const int n = int(form.bars.size());
    for (int i = 0; i < count; ++i)
        p.bars.push_back(form.bars[size_t((std::max(0, takeBars) + i) % n)]);
    return p;
}

bool sameChords(const generate::Progression& a, const generate::Progression& b) {
    if (a.beatsPerBar != b.beatsPerBar || a.bars.size() != b.bars.size())
        return false;
    for (size_t i = 0; i < a.bars.size(); ++i) {
        if (a.bars[i].size() != b.bars[i].size())
            return false;
        for (size_t k = 0; k < a.bars[i].size(); ++k)
            if (a.bars[i][k].offset != b.bars[i][k].offset ||
                a.bars[i][k].pitches != b.bars[i][k].pitches)
                return false;
    }
    return true;
}

std::string barRangeText(int first, int last) {
    return first == last ? "bar " + std::to_string(first + 1)
                         : "bars " + std::to_string(first + 1) + "-" + std::to_string(last + 1);
}

} // namespace jazz::studio
