#include "generate/Arrangement.h"

#include "midi/MidiFile.h"

namespace jazz::generate {

midi::Song Arrangement::toSong() const {
    midi::Song song;
    song.bpm = tempo;
    song.beatsPerBar = int(solo.progression.beatsPerBar + 0.5);
    song.beatUnit = 4;
    midi::SongTrack lead;
    lead.name = "Solo";
    lead.channel = 0;
    lead.program = soloProgram;
    for (const SoloNote& n : solo.notes)
        lead.notes.push_back({n.start, n.duration, n.pitch, n.velocity, 0});
    midi::SongTrack comp;
    comp.name = "Comping";
    comp.channel = 1;
    comp.program = compProgram;
    const double bar = solo.progression.beatsPerBar;
    const auto& bars = solo.progression.bars;
    for (size_t b = 0; b < bars.size(); ++b) {
        for (size_t i = 0; i < bars[b].size(); ++i) {
            const BarChord& c = bars[b][i];
            const double start = double(b) * bar + c.offset;
            const double end = i + 1 < bars[b].size() ? double(b) * bar + bars[b][i + 1].offset
                                                      : double(b + 1) * bar;
            for (int p : c.pitches)
                comp.notes.push_back({start, end - start, p, compVelocity, 1});
        }
    }
    song.tracks = {lead, comp};
    return song;
}

void writeMidi(const Arrangement& arrangement, const std::string& path) {
    midi::write(midi::fromSong(arrangement.toSong()), path);
}

} // namespace jazz::generate
