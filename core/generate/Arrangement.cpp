#include "generate/Arrangement.h"

#include <algorithm>

#include "midi/MidiFile.h"

namespace jazz::generate {

namespace {

midi::SongTrack blockChords(const Arrangement& a) {
    midi::SongTrack comp;
    comp.name = "Comping";
    comp.channel = 1;
    comp.program = a.compProgram;
    const double bar = a.solo.progression.beatsPerBar;
    const auto& bars = a.solo.progression.bars;
    for (size_t b = 0; b < bars.size(); ++b) {
        for (size_t i = 0; i < bars[b].size(); ++i) {
            const BarChord& c = bars[b][i];
            const double start = double(b) * bar + c.offset;
            const double end = i + 1 < bars[b].size() ? double(b) * bar + bars[b][i + 1].offset
                                                      : double(b + 1) * bar;
            for (int p : c.pitches)
                comp.notes.push_back({start, end - start, p, a.compVelocity, 1});
        }
    }
    return comp;
}

// A bar of closed hi-hat on every beat, the first louder, on the drum channel.
midi::SongTrack countIn(double beatsPerBar) {
    midi::SongTrack t;
    t.name = kCountInPart;
    t.channel = 9;
    for (int b = 0; b < int(beatsPerBar + 0.5); ++b)
        t.notes.push_back({double(b), 0.25, 42, b == 0 ? 110 : 90, 9});
    return t;
}

} // namespace

std::vector<std::string> Arrangement::partNames() const {
    std::vector<std::string> names{"Solo"};
    if (band.empty())
        names.push_back("Comping");
    for (const auto& p : band)
        names.push_back(p.name);
    return names;
}

midi::Song Arrangement::toSong(const SongOptions& o) const {
    midi::Song song;
    song.bpm = tempo;
    song.beatsPerBar = int(solo.progression.beatsPerBar + 0.5);
    song.beatUnit = 4;
    midi::SongTrack lead;
    lead.name = "Solo";
    lead.channel = 0;
    lead.program = soloProgram;
    // A bar primed from a phrase is already as someone played it (their timing, their
    // dynamics): it goes out unchanged, and only the written bars are performed.
    std::vector<midi::SongNote> written, asPlayed;
    for (const SoloNote& n : solo.notes) {
        const int b = solo.barOf(n);
        const bool played = b >= 0 && b < int(solo.bars.size()) &&
                            solo.bars[size_t(b)].origin == BarOrigin::Primed;
        (played ? asPlayed : written).push_back({n.start, n.duration, n.pitch, n.velocity, 0});
    }
    perform::PerformOptions p = performance;
    p.quantized = p.quantized || o.quantized;
    lead.notes = perform::perform(written, tempo, p);
    if (!asPlayed.empty()) {
        lead.notes.insert(lead.notes.end(), asPlayed.begin(), asPlayed.end());
        std::stable_sort(lead.notes.begin(), lead.notes.end(),
                         [](const auto& a, const auto& b) { return a.start < b.start; });
    }
    std::vector<midi::SongTrack> tracks{lead};
    if (band.empty())
        tracks.push_back(blockChords(*this));
    tracks.insert(tracks.end(), band.begin(), band.end());
    if (o.countIn) {
        const double shift = solo.progression.beatsPerBar;
        for (auto& t : tracks)
            for (auto& n : t.notes)
                n.start += shift;
        tracks.insert(tracks.begin(), countIn(shift));
    }
    for (auto& t : tracks) {
        if (o.mixer) {
            if (!o.keepMuted && !o.mixer->audible(t.name))
                continue;
            t.volume = o.mixer->channelVolume(t.name);
        }
        song.tracks.push_back(std::move(t));
    }
    return song;
}

void writeMidi(const Arrangement& arrangement, const std::string& path,
               const SongOptions& options) {
    midi::write(midi::fromSong(arrangement.toSong(options)), path);
}

} // namespace jazz::generate
