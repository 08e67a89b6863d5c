#include "StudioDocument.h"

#include "corpus/TextCorpus.h"

#include <algorithm>
#include <set>

namespace jazz::ui {

StudioDocument::StudioDocument(QObject* parent) : QObject(parent), session_(newSession()) {}

session::Session StudioDocument::newSession() {
    session::Session s;
    for (const std::string& f : corpus::bundledCorpusFiles())
        s.corpus.push_back({f, {}, {}, {}, {}, {}});
    return s;
}

void StudioDocument::replace(session::Session s, const QString& path) {
    session_ = std::move(s);
    setPath(path);
    // The old model belongs to the old session; an opened session sets its own after this.
    const bool hadModel = model_ != nullptr;
    model_.reset();
    Q_EMIT replaced();
    if (hadModel)
        Q_EMIT modelChanged();
    Q_EMIT corpusChanged();
    checkModel();
    Q_EMIT takesChanged();
    Q_EMIT currentTakeChanged(session_.currentTake);
    setModified(false);
}

void StudioDocument::setPath(const QString& path) {
    if (path_ == path)
        return;
    path_ = path;
    Q_EMIT pathChanged(path);
}

void StudioDocument::setModified(bool modified) {
    if (modified_ == modified)
        return;
    modified_ = modified;
    Q_EMIT modifiedChanged(modified);
}

void StudioDocument::touch() { setModified(true); }

void StudioDocument::addCorpus(const session::CorpusEntry& e) {
    if (corpusLocked_)
        return;
    session_.corpus.push_back(e);
    touch();
    Q_EMIT corpusChanged();
    checkModel();
}

void StudioDocument::addCorpus(const std::vector<session::CorpusEntry>& entries) {
    if (entries.empty())
        return;
    session_.corpus.insert(session_.corpus.end(), entries.begin(), entries.end());
    touch();
    Q_EMIT corpusChanged();
}

void StudioDocument::removeCorpus(int index) {
    if (corpusLocked_ || index < 0 || index >= int(session_.corpus.size()))
        return;
    session_.corpus.erase(session_.corpus.begin() + index);
    touch();
    Q_EMIT corpusChanged();
    checkModel();
}

void StudioDocument::setCorpus(int index, const session::CorpusEntry& e) {
    if (corpusLocked_ || index < 0 || index >= int(session_.corpus.size()) ||
        session_.corpus[size_t(index)] == e)
        return;
    session_.corpus[size_t(index)] = e;
    touch();
    Q_EMIT corpusChanged();
    checkModel();
}

void StudioDocument::setProgression(const std::string& text, int transpose, int choruses) {
    if (session_.progressionText == text && session_.transpose == transpose &&
        session_.choruses == choruses)
        return;
    session_.progressionText = text;
    session_.transpose = transpose;
    session_.choruses = choruses;
    touch();
}

void StudioDocument::setModel(std::shared_ptr<const model::TrainedModel> m, const QString& path,
                              const std::vector<session::CorpusEntry>* trainedOn) {
    if (m != model_) {
        modelCorpusKnown_ = trainedOn != nullptr;
        modelCorpus_ = trainedOn ? *trainedOn : std::vector<session::CorpusEntry>{};
    }
    model_ = std::move(m);
    if (session_.modelPath != path.toStdString()) {
        session_.modelPath = path.toStdString();
        touch();
    }
    Q_EMIT modelChanged();
    checkModel();
}

bool StudioDocument::isModelOutOfDate() const {
    return outOfDate_;
}

void StudioDocument::checkModel() {
    bool stale = false;
    if (model_ && modelCorpusKnown_) {
        stale = modelCorpus_ != session_.corpus;
    } else if (model_) {
        // A model file knows only its sources: a file's path, or "path: tune" for each tune of
        // a text corpus. Stale when a source is no longer in the corpus or a file is new.
        std::set<std::string> covered;
        for (const std::string& src : model_->sources) {
            bool found = false;
            for (const auto& e : session_.corpus)
                if (src == e.path || src.rfind(e.path + ": ", 0) == 0) {
                    covered.insert(e.path);
                    found = true;
                }
            stale = stale || !found;
        }
        for (const auto& e : session_.corpus)
            stale = stale || !covered.count(e.path);
    }
    if (stale == outOfDate_)
        return;
    outOfDate_ = stale;
    Q_EMIT modelOutOfDateChanged(stale);
}

void StudioDocument::setCorpusLocked(bool locked) {
    if (locked == corpusLocked_)
        return;
    corpusLocked_ = locked;
    Q_EMIT corpusLockChanged(locked);
}

void StudioDocument::addTake(session::Take t) {
    t.arrangement.solo.fitBars(); // every bar has its record
    session_.takes.push_back(std::move(t));
    session_.currentTake = int(session_.takes.size()) - 1;
    touch();
    Q_EMIT takesChanged();
    Q_EMIT currentTakeChanged(session_.currentTake);
}

void StudioDocument::setCurrentTake(int i) {
    if (i < -1 || i >= takeCount() || i == session_.currentTake)
        return;
    session_.currentTake = i;
    Q_EMIT currentTakeChanged(i);
}

void StudioDocument::setNote(int take, int note, const generate::SoloNote& n) {
    auto& solo = session_.takes.at(size_t(take)).arrangement.solo;
    generate::SoloNote& at = solo.notes.at(size_t(note));
    std::vector<int> bars = solo.barsOf(at);
    at = n;
    for (int b : solo.barsOf(n))
        bars.push_back(b);
    solo.markEdited(bars);
    touch();
    Q_EMIT takeEdited(take);
}

void StudioDocument::insertNote(int take, int note, const generate::SoloNote& n) {
    auto& solo = session_.takes.at(size_t(take)).arrangement.solo;
    solo.notes.insert(solo.notes.begin() + std::clamp(note, 0, int(solo.notes.size())), n);
    solo.markEdited(solo.barsOf(n));
    touch();
    Q_EMIT takeEdited(take);
}

void StudioDocument::removeNote(int take, int note) {
    auto& solo = session_.takes.at(size_t(take)).arrangement.solo;
    const std::vector<int> bars = solo.barsOf(solo.notes.at(size_t(note)));
    solo.notes.erase(solo.notes.begin() + note);
    solo.markEdited(bars);
    touch();
    Q_EMIT takeEdited(take);
}

void StudioDocument::setSolo(int take, const generate::Solo& solo) {
    auto& s = session_.takes.at(size_t(take)).arrangement.solo;
    s = solo;
    s.fitBars();
    touch();
    Q_EMIT takeEdited(take);
}

void StudioDocument::setBarRecords(int take, const std::vector<generate::TakeBar>& bars) {
    auto& solo = session_.takes.at(size_t(take)).arrangement.solo;
    if (solo.bars == bars)
        return;
    solo.bars = bars;
    touch();
    Q_EMIT takeEdited(take);
}

void StudioDocument::setBand(const session::BandSettings& b) {
    if (session_.band == b)
        return;
    session_.band = b;
    touch();
    Q_EMIT bandChanged();
}

void StudioDocument::setMixer(const perform::Mixer& m) {
    if (session_.mixer == m)
        return;
    session_.mixer = m;
    touch();
    Q_EMIT mixerChanged();
}

void StudioDocument::setTakeBand(int take, std::vector<midi::SongTrack> parts,
                                 const std::string& style) {
    if (take < 0 || take >= takeCount())
        return;
    auto& a = session_.takes[size_t(take)].arrangement;
    a.band = std::move(parts);
    a.style = style;
    touch();
    Q_EMIT takeBandChanged(take);
}

midi::Song StudioDocument::song(int take, bool forPlayback) const {
    generate::Arrangement a = this->take(take).arrangement;
    a.performance.swing = session_.band.swing;
    a.performance.seed = this->take(take).seed;
    generate::SongOptions o;
    o.mixer = &session_.mixer;
    o.keepMuted = forPlayback;
    o.countIn = forPlayback && session_.band.countIn;
    return a.toSong(o);
}

} // namespace jazz::ui
