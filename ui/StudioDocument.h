// The open session as the widgets see it: the one place that changes it, so every change is
// signalled and marks the session modified. Undo commands edit takes through it by index.
#pragma once

#include "model/ModelFile.h"
#include "session/Session.h"

#include <QObject>

#include <memory>

namespace jazz::ui {

class StudioDocument : public QObject {
    Q_OBJECT
public:
    explicit StudioDocument(QObject* parent = nullptr);

    const session::Session& session() const { return session_; }
    void replace(session::Session s, const QString& path); // after open / new
    // A new session: empty but for the bundled corpus, so the studio can train at once.
    static session::Session newSession();
    QString path() const { return path_; }
    void setPath(const QString& path);
    bool isModified() const { return modified_; }
    void setModified(bool modified);

    // Corpus.
    void addCorpus(const session::CorpusEntry& e);
    void addCorpus(const std::vector<session::CorpusEntry>& entries); // one change for many
    void removeCorpus(int index);
    void setCorpus(int index, const session::CorpusEntry& e);

    // Progression settings.
    void setProgression(const std::string& text, int transpose, int choruses);

    // The trained model (shared with whoever renders or generates from it).
    std::shared_ptr<const model::TrainedModel> model() const { return model_; }
    // trainedOn: the corpus it was just trained on; without it (a model file) the model's own
    // list of sources is compared with the corpus.
    void setModel(std::shared_ptr<const model::TrainedModel> m, const QString& path,
                  const std::vector<session::CorpusEntry>* trainedOn = nullptr);
    // True when the corpus changed since the model was trained (files added, removed or read
    // with other tracks): the model no longer matches what the Corpus panel shows.
    bool isModelOutOfDate() const;
    // While training reads the corpus it is locked: adding, removing and retracking refuse.
    void setCorpusLocked(bool locked);
    bool isCorpusLocked() const { return corpusLocked_; }

    // Takes.
    int takeCount() const { return int(session_.takes.size()); }
    const session::Take& take(int i) const { return session_.takes.at(size_t(i)); }
    int currentTake() const { return session_.currentTake; }
    void addTake(session::Take t);
    void setCurrentTake(int i);
    // A note edit re-encodes the bars it touches and marks them edited (Solo::markEdited), so
    // the model continues from what is really there.
    void setNote(int take, int note, const generate::SoloNote& n);
    void insertNote(int take, int note, const generate::SoloNote& n);
    void removeNote(int take, int note);
    // The whole solo at once (regenerate, continue, and their undo); its records too.
    void setSolo(int take, const generate::Solo& solo);
    // Only the bar records (locks; an undone edit's records).
    void setBarRecords(int take, const std::vector<generate::TakeBar>& bars);

    // The band: settings for the next takes and for how takes are performed, the mixer, and
    // each take's parts (arriving from MMA a moment after the take).
    const session::BandSettings& band() const { return session_.band; }
    void setBand(const session::BandSettings& b);
    const perform::Mixer& mixer() const { return session_.mixer; }
    void setMixer(const perform::Mixer& m);
    void setTakeBand(int take, std::vector<midi::SongTrack> parts, const std::string& style);
    // The take as it sounds, with the band settings' swing and the mixer: for export and WAV
    // (muted parts left out), or for playback (muted parts kept, silenced by channel, and the
    // count-in when it is on).
    midi::Song song(int take, bool forPlayback) const;

Q_SIGNALS:
    void corpusChanged();
    void corpusLockChanged(bool locked);
    void modelOutOfDateChanged(bool outOfDate);
    void replaced(); // a whole new session (new or opened)
    void modelChanged();
    void takesChanged();        // added or replaced
    void currentTakeChanged(int take);
    void takeEdited(int take);  // a note or bar record changed
    void takeBandChanged(int take);
    void bandChanged();
    void mixerChanged();
    void modifiedChanged(bool modified);
    void pathChanged(const QString& path);

private:
    void touch();
    session::Session session_;
    void checkModel();
    std::shared_ptr<const model::TrainedModel> model_;
    std::vector<session::CorpusEntry> modelCorpus_; // what model_ was trained on, when known
    bool modelCorpusKnown_ = false, outOfDate_ = false, corpusLocked_ = false;
    QString path_;
    bool modified_ = false;
};

} // namespace jazz::ui
