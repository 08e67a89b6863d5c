#include "PianoRoll.h"

#include "BarRuler.h"
#include "Error.h"
#include "NoteCommands.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDrag>
#include <QFile>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QRubberBand>
#include <QScrollBar>
#include <QUndoStack>
#include <QUrl>
#include <QWheelEvent>

#include <cmath>

namespace jazz::ui {

namespace {
bool isBlackKey(int pitch) {
    const int pc = pitch % 12;
    return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
}
double snap(double beat) {
    return std::round(beat / PianoRoll::kSnap) * PianoRoll::kSnap;
}
} // namespace

PianoRoll::PianoRoll(StudioDocument* document, QUndoStack* undo, QWidget* parent)
    : QAbstractScrollArea(parent), document_(document), undo_(undo) {
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Piano roll"));
    viewport()->setMouseTracking(true);
    setMinimumHeight(200);
    band_ = new QRubberBand(QRubberBand::Rectangle, viewport());
    ruler_ = new BarRuler(this, document_);
    auto refresh = [this] {
        for (auto it = selected_.begin(); it != selected_.end();)
            it = *it >= noteCount() ? selected_.erase(it) : std::next(it);
        updateScrollBars();
        viewport()->update();
    };
    connect(document_, &StudioDocument::currentTakeChanged, this, [this, refresh] {
        selected_.clear();
        refresh();
    });
    connect(document_, &StudioDocument::takeEdited, this, refresh);
    connect(document_, &StudioDocument::takesChanged, this, refresh);
    connect(document_, &StudioDocument::takeBandChanged, viewport(), qOverload<>(&QWidget::update));
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    updateScrollBars();
    // Start around the middle of the range, where solos live.
    verticalScrollBar()->setValue((kHighPitch - 79) * kRowHeight);
}

void PianoRoll::setShowBand(bool on) {
    showBand_ = on;
    viewport()->update();
}

const session::Take* PianoRoll::take() const {
    const int t = document_->currentTake();
    return t >= 0 ? &document_->take(t) : nullptr;
}

int PianoRoll::noteCount() const {
    const auto* t = take();
    return t ? int(t->arrangement.solo.notes.size()) : 0;
}

void PianoRoll::setPixelsPerBeat(double ppb) {
    ppb_ = std::clamp(ppb, 8.0, 400.0);
    updateScrollBars();
    viewport()->update();
}

void PianoRoll::zoomAt(double factor, double x) {
    const double beat = beatAt(x);
    setPixelsPerBeat(ppb_ * factor);
    horizontalScrollBar()->setValue(int(std::lround(kKeyboardWidth + beat * ppb_ - x)));
}

void PianoRoll::zoomIn() {
    zoomAt(1.25, (kKeyboardWidth + viewport()->width()) / 2.0);
}
void PianoRoll::zoomOut() {
    zoomAt(0.8, (kKeyboardWidth + viewport()->width()) / 2.0);
}

void PianoRoll::setPlayhead(double beat) {
    playhead_ = beat;
    viewport()->update();
}

void PianoRoll::selectNote(int index) {
    selected_.clear();
    if (index >= 0 && index < noteCount())
        selected_.insert(index);
    viewport()->update();
}

void PianoRoll::selectAll() {
    selected_.clear();
    for (int i = 0; i < noteCount(); ++i)
        selected_.insert(i);
    viewport()->update();
}

void PianoRoll::deleteSelected() {
    if (selected_.empty() || !take())
        return;
    undo_->beginMacro(selected_.size() == 1 ? tr("Delete note")
                                            : tr("Delete %1 notes").arg(selected_.size()));
    for (auto it = selected_.rbegin(); it != selected_.rend(); ++it) // from the back: indexes hold
        undo_->push(new DeleteNoteCommand(document_, document_->currentTake(), *it));
    undo_->endMacro();
    selected_.clear();
    viewport()->update();
}

void PianoRoll::nudgeSelected(double beats, int semitones) {
    const auto* t = take();
    if (selected_.empty() || !t)
        return;
    const auto& notes = t->arrangement.solo.notes;
    // The whole selection moves or none of it: clamp the step to what the outermost notes allow.
    for (int i : selected_) {
        const auto& n = notes[size_t(i)];
        beats = std::max(beats, -n.start);
        semitones = std::clamp(semitones, kLowPitch - n.pitch, kHighPitch - n.pitch);
    }
    if (std::abs(beats) < 1e-9 && semitones == 0)
        return;
    undo_->beginMacro(tr("Nudge notes"));
    for (int i : selected_) {
        generate::SoloNote n = notes[size_t(i)];
        const generate::SoloNote before = n;
        n.start += beats;
        n.pitch += semitones;
        undo_->push(new EditNoteCommand(document_, document_->currentTake(), i, before, n,
                                        tr("Nudge note")));
    }
    undo_->endMacro();
}

void PianoRoll::updateScrollBars() {
    const auto* t = take();
    const double beats = t ? t->arrangement.lengthBeats() : 16;
    const int width = int(beats * ppb_) + 40;
    const int height = (kHighPitch - kLowPitch + 1) * kRowHeight;
    horizontalScrollBar()->setRange(0, std::max(0, width - (viewport()->width() - kKeyboardWidth)));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(std::max(1, int(ppb_ / 2))); // an eighth note
    verticalScrollBar()->setRange(0, std::max(0, height - (viewport()->height() - kChordLane)));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(kRowHeight * 2);
}

void PianoRoll::resizeEvent(QResizeEvent* e) {
    QAbstractScrollArea::resizeEvent(e);
    updateScrollBars();
}

QRectF PianoRoll::noteRect(const generate::SoloNote& n) const {
    const double x = kKeyboardWidth + n.start * ppb_ - horizontalScrollBar()->value();
    const double y = kChordLane + (kHighPitch - n.pitch) * kRowHeight - verticalScrollBar()->value();
    return QRectF(x, y, std::max(3.0, n.duration * ppb_), kRowHeight);
}

double PianoRoll::beatAt(double x) const {
    return (x - kKeyboardWidth + horizontalScrollBar()->value()) / ppb_;
}

int PianoRoll::pitchAt(double y) const {
    return kHighPitch - int(std::floor((y - kChordLane + verticalScrollBar()->value()) / kRowHeight));
}

int PianoRoll::noteAt(const QPointF& p, bool* nearRightEdge) const {
    const auto* t = take();
    if (!t || p.y() < kChordLane || p.x() < kKeyboardWidth)
        return -1;
    const auto& notes = t->arrangement.solo.notes;
    for (int i = int(notes.size()) - 1; i >= 0; --i) {
        const QRectF r = noteRect(notes[size_t(i)]);
        if (r.contains(p)) {
            *nearRightEdge = p.x() > r.right() - 5;
            return i;
        }
    }
    return -1;
}

// Each chord's name gets the room up to the next chord: elided to fit, left out when not even
// a letter fits, so at any zoom names never run together.
QList<QPair<QRectF, QString>> PianoRoll::chordLabels() const {
    QList<QPair<QRectF, QString>> labels;
    const auto* t = take();
    if (!t)
        return labels;
    const auto& prog = t->arrangement.solo.progression;
    struct At {
        double beat;
        QString name;
    };
    std::vector<At> chords;
    for (size_t b = 0; b < prog.bars.size(); ++b)
        for (const auto& c : prog.bars[b])
            chords.push_back(
                {double(b) * prog.beatsPerBar + c.offset, QString::fromStdString(c.symbol)});
    const QFontMetrics fm(font());
    const int sx = horizontalScrollBar()->value();
    const double end = t->arrangement.lengthBeats();
    for (size_t i = 0; i < chords.size(); ++i) {
        const double x = kKeyboardWidth + chords[i].beat * ppb_ - sx + 3;
        const double next =
            kKeyboardWidth + (i + 1 < chords.size() ? chords[i + 1].beat : end) * ppb_ - sx;
        const double room = next - x - 3;
        if (next < kKeyboardWidth || x > viewport()->width() || room < fm.horizontalAdvance("M"))
            continue;
        const QString shown = fm.elidedText(chords[i].name, Qt::ElideRight, int(room));
        if (shown.isEmpty() || shown == QString(QChar(0x2026)))
            continue;
        labels.append(
            {QRectF(x, kRulerHeight, fm.horizontalAdvance(shown), kChordLane - kRulerHeight),
             shown});
    }
    return labels;
}

void PianoRoll::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const QRect area = viewport()->rect();
    const int sx = horizontalScrollBar()->value(), sy = verticalScrollBar()->value();
    p.fillRect(area, QColor(250, 250, 247));
    // Pitch rows.
    for (int pitch = kLowPitch; pitch <= kHighPitch; ++pitch) {
        const int y = kChordLane + (kHighPitch - pitch) * kRowHeight - sy;
        if (isBlackKey(pitch))
            p.fillRect(QRect(kKeyboardWidth, y, area.width(), kRowHeight), QColor(236, 236, 232));
    }
    const auto* t = take();
    const double beatsPerBar = t ? t->arrangement.solo.progression.beatsPerBar : 4;
    const double beats = t ? t->arrangement.lengthBeats() : 16;
    // Beat and bar lines.
    for (int b = 0; b <= int(std::ceil(beats)); ++b) {
        const double x = kKeyboardWidth + b * ppb_ - sx;
        if (x < kKeyboardWidth || x > area.width())
            continue;
        const bool bar = std::fmod(b, beatsPerBar) < 1e-9;
        p.setPen(bar ? QColor(150, 150, 150) : QColor(215, 215, 210));
        p.drawLine(QPointF(x, kChordLane), QPointF(x, area.height()));
    }
    // The band's pitched parts, faintly under the solo (drums have no pitch to show).
    if (t && showBand_) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(120, 120, 140, 45));
        for (const auto& part : t->arrangement.band)
            if (part.channel != 9)
                for (const auto& n : part.notes) {
                    const QRectF r = noteRect({n.start, n.duration, n.pitch, n.velocity});
                    if (r.intersects(area))
                        p.drawRect(r.adjusted(0, 2, 0, -2));
                }
    }
    // Notes.
    if (t) {
        const auto& notes = t->arrangement.solo.notes;
        for (int i = 0; i < int(notes.size()); ++i) {
            const auto pv = preview_.find(i);
            const generate::SoloNote n = pv != preview_.end() ? pv->second : notes[size_t(i)];
            const QRectF r = noteRect(n);
            if (!r.intersects(area))
                continue;
            const int shade = 90 + n.velocity;
            p.setPen(QColor(30, 60, 90));
            p.setBrush(selected_.count(i) ? QColor(240, 140, 40) : QColor(40, 100, shade));
            p.drawRoundedRect(r.adjusted(0, 1, 0, -1), 2, 2);
        }
    }
    // The bars selected in the ruler, shaded down the grid.
    if (const auto sel = ruler_->selection(); t && sel) {
        const double x0 = kKeyboardWidth + sel->first * beatsPerBar * ppb_ - sx;
        const double x1 = kKeyboardWidth + (sel->second + 1) * beatsPerBar * ppb_ - sx;
        QColor shade = palette().color(QPalette::Highlight);
        shade.setAlpha(40);
        p.fillRect(QRectF(x0, kChordLane, x1 - x0, area.height()), shade);
    }
    // Lane: chord names under the ruler (which numbers the bars).
    p.fillRect(QRect(0, 0, area.width(), kChordLane), QColor(60, 64, 72));
    if (t) {
        p.setPen(Qt::white);
        for (const auto& [r, text] : chordLabels())
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    // Playhead.
    if (playhead_ >= 0) {
        const double x = kKeyboardWidth + playhead_ * ppb_ - sx;
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, area.height()));
    }
    // Keyboard (fixed on the left).
    p.setBrush(Qt::NoBrush);
    for (int pitch = kLowPitch; pitch <= kHighPitch; ++pitch) {
        const int y = kChordLane + (kHighPitch - pitch) * kRowHeight - sy;
        const QRect key(0, y, kKeyboardWidth, kRowHeight);
        p.fillRect(key, isBlackKey(pitch) ? QColor(40, 40, 40) : Qt::white);
        p.setPen(QColor(180, 180, 180));
        p.drawRect(key);
        if (pitch % 12 == 0) {
            p.setPen(Qt::black);
            p.drawText(key.adjusted(2, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       QString("C%1").arg(pitch / 12 - 1));
        }
    }
    p.fillRect(QRect(0, 0, kKeyboardWidth, kChordLane), QColor(60, 64, 72));
    // Keyboard focus shows as a frame in the highlight colour.
    if (hasFocus()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRect(QRectF(area).adjusted(1, 1, -1, -1));
    }
}

void PianoRoll::focusInEvent(QFocusEvent* e) {
    QAbstractScrollArea::focusInEvent(e);
    viewport()->update();
}

void PianoRoll::focusOutEvent(QFocusEvent* e) {
    QAbstractScrollArea::focusOutEvent(e);
    viewport()->update();
}

void PianoRoll::mousePressEvent(QMouseEvent* e) {
    setFocus(Qt::MouseFocusReason);
    bool edge = false;
    const int i = noteAt(e->position(), &edge);
    const bool add = e->modifiers() & Qt::ShiftModifier;
    const bool toggle = e->modifiers() & Qt::ControlModifier;
    preview_.clear();
    drag_ = Drag::None;
    pressPos_ = e->position();
    pressed_ = i;
    if (e->button() == Qt::RightButton) {
        if (i >= 0 && !selected_.count(i))
            selectNote(i); // the menu acts on what was clicked
        return;
    }
    if (e->button() != Qt::LeftButton)
        return;
    if (i >= 0) {
        if (toggle && selected_.count(i))
            selected_.erase(i);
        else if (add || toggle)
            selected_.insert(i);
        else if (!selected_.count(i)) // a click on a selected note keeps the group to drag
            selected_ = {i};
        if (selected_.count(i))
            drag_ = edge ? Drag::Resize : Drag::Move;
    } else if (e->position().y() >= kChordLane && e->position().x() >= kKeyboardWidth) {
        // Empty grid: a rubber band; with Shift or Ctrl it adds to the selection.
        bandBase_ = add || toggle ? selected_ : std::set<int>{};
        selected_ = bandBase_;
        drag_ = Drag::Band;
        band_->setGeometry(QRect(e->position().toPoint(), QSize()));
        band_->show();
    }
    viewport()->update();
}

void PianoRoll::mouseMoveEvent(QMouseEvent* e) {
    bool edge = false;
    const int hover = noteAt(e->position(), &edge);
    viewport()->setCursor(drag_ == Drag::Resize || (hover >= 0 && edge) ? Qt::SizeHorCursor
                          : hover >= 0                                  ? Qt::OpenHandCursor
                                                                        : Qt::ArrowCursor);
    const auto* t = take();
    if (drag_ == Drag::None || !t)
        return;
    if (drag_ == Drag::Band) {
        const QRectF r = QRectF(pressPos_, e->position()).normalized();
        band_->setGeometry(r.toRect());
        selected_ = bandBase_;
        const auto& notes = t->arrangement.solo.notes;
        for (int i = 0; i < int(notes.size()); ++i)
            if (noteRect(notes[size_t(i)]).intersects(r))
                selected_.insert(i);
        viewport()->update();
        return;
    }
    const QPointF d = e->position() - pressPos_;
    const auto& notes = t->arrangement.solo.notes;
    preview_.clear();
    if (drag_ == Drag::Move) {
        // The whole selection moves by the same snapped step, kept inside the grid.
        double beats = snap(d.x() / ppb_);
        int semitones = -int(std::lround(d.y() / kRowHeight));
        for (int i : selected_) {
            beats = std::max(beats, -notes[size_t(i)].start);
            semitones = std::clamp(semitones, kLowPitch - notes[size_t(i)].pitch,
                                   kHighPitch - notes[size_t(i)].pitch);
        }
        for (int i : selected_) {
            generate::SoloNote n = notes[size_t(i)];
            n.start = std::max(0.0, snap(n.start + beats));
            n.pitch += semitones;
            preview_[i] = n;
        }
    } else if (pressed_ >= 0) {
        generate::SoloNote n = notes[size_t(pressed_)];
        n.duration = std::max(kSnap, snap(n.duration + d.x() / ppb_));
        preview_[pressed_] = n;
    }
    viewport()->update();
}

void PianoRoll::mouseReleaseEvent(QMouseEvent*) {
    const auto* t = take();
    if (drag_ == Drag::Band)
        band_->hide();
    std::vector<std::pair<int, generate::SoloNote>> changed;
    if (t)
        for (const auto& [i, n] : preview_)
            if (!(n == t->arrangement.solo.notes[size_t(i)]))
                changed.push_back({i, n});
    if (!changed.empty()) {
        const QString text = drag_ == Drag::Move
                                 ? (changed.size() == 1 ? tr("Move note") : tr("Move notes"))
                                 : tr("Resize note");
        undo_->beginMacro(text);
        for (const auto& [i, n] : changed)
            undo_->push(new EditNoteCommand(document_, document_->currentTake(), i,
                                            t->arrangement.solo.notes[size_t(i)], n, text));
        undo_->endMacro();
    }
    preview_.clear();
    drag_ = Drag::None;
    viewport()->update();
}

void PianoRoll::mouseDoubleClickEvent(QMouseEvent* e) {
    bool edge = false;
    if (!take() || noteAt(e->position(), &edge) >= 0 || e->position().x() < kKeyboardWidth ||
        e->position().y() < kChordLane)
        return;
    const double start = std::max(0.0, std::floor(beatAt(e->position().x()) / kSnap) * kSnap);
    const int pitch = pitchAt(e->position().y());
    if (pitch < kLowPitch || pitch > kHighPitch || start >= take()->arrangement.lengthBeats())
        return;
    const int index = noteCount();
    undo_->push(new AddNoteCommand(document_, document_->currentTake(), index,
                                   {start, 0.5, pitch, 90}));
    selectNote(index);
}

// Arrows: with notes selected, Left/Right move them a grid step (a sixteenth; Shift: a beat)
// and Up/Down a semitone (Shift: an octave); with none, they scroll a step.
void PianoRoll::keyPressEvent(QKeyEvent* e) {
    const bool shift = e->modifiers() & Qt::ShiftModifier;
    switch (e->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (!selected_.empty()) {
            deleteSelected();
            return;
        }
        break;
    case Qt::Key_A:
        if (e->modifiers() & Qt::ControlModifier) {
            selectAll();
            return;
        }
        break;
    case Qt::Key_Escape:
        selectNote(-1);
        return;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int dir = e->key() == Qt::Key_Left ? -1 : 1;
        if (!selected_.empty())
            nudgeSelected(dir * (shift ? 1.0 : kSnap), 0);
        else
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() + dir * int(ppb_));
        return;
    }
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int dir = e->key() == Qt::Key_Down ? -1 : 1;
        if (!selected_.empty())
            nudgeSelected(0, dir * (shift ? 12 : 1));
        else
            verticalScrollBar()->setValue(verticalScrollBar()->value() - dir * 2 * kRowHeight);
        return;
    }
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(e);
}

// Ctrl+wheel zooms around the mouse; the wheel scrolls pitch while there is pitch to scroll,
// else time; Shift+wheel (or a sideways wheel) always scrolls time.
void PianoRoll::wheelEvent(QWheelEvent* e) {
    const QPoint delta = e->angleDelta();
    if (e->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            zoomAt(delta.y() > 0 ? 1.25 : 0.8, std::max<double>(kKeyboardWidth, e->position().x()));
        e->accept();
        return;
    }
    int along = delta.x(), across = delta.y();
    // Shift turns a vertical wheel sideways (some systems already report it as x).
    if ((e->modifiers() & Qt::ShiftModifier) && along == 0)
        std::swap(along, across);
    if (across != 0 && verticalScrollBar()->maximum() == 0)
        std::swap(along, across);
    QScrollBar* h = horizontalScrollBar();
    QScrollBar* v = verticalScrollBar();
    if (along != 0)
        h->setValue(h->value() - along * int(ppb_) / 120);
    if (across != 0)
        v->setValue(v->value() - across * 3 * kRowHeight / 120);
    e->accept();
}

void PianoRoll::contextMenuEvent(QContextMenuEvent* e) {
    std::unique_ptr<QMenu> menu(contextMenu(e->pos()));
    menu->exec(e->globalPos());
}

QMenu* PianoRoll::contextMenu(const QPoint& pos) {
    auto* menu = new QMenu(this);
    const bool any = !selected_.empty();
    const bool onGrid = take() && pos.x() >= kKeyboardWidth && pos.y() >= kChordLane;
    bool edge = false;
    const bool onNote = noteAt(pos, &edge) >= 0;
    QAction* add = menu->addAction(tr("Draw a note here"), this, [this, pos] {
        QMouseEvent dbl(QEvent::MouseButtonDblClick, pos, mapToGlobal(pos), Qt::LeftButton,
                        Qt::LeftButton, Qt::NoModifier);
        mouseDoubleClickEvent(&dbl);
    });
    add->setEnabled(onGrid && !onNote);
    menu->addSeparator();
    menu->addAction(tr("Delete"), QKeySequence::Delete, this, &PianoRoll::deleteSelected)
        ->setEnabled(any);
    menu->addAction(tr("Up a semitone"), QKeySequence(Qt::Key_Up), this,
                    [this] { nudgeSelected(0, 1); })
        ->setEnabled(any);
    menu->addAction(tr("Down a semitone"), QKeySequence(Qt::Key_Down), this,
                    [this] { nudgeSelected(0, -1); })
        ->setEnabled(any);
    menu->addAction(tr("Up an octave"), QKeySequence(Qt::SHIFT | Qt::Key_Up), this,
                    [this] { nudgeSelected(0, 12); })
        ->setEnabled(any);
    menu->addAction(tr("Down an octave"), QKeySequence(Qt::SHIFT | Qt::Key_Down), this,
                    [this] { nudgeSelected(0, -12); })
        ->setEnabled(any);
    menu->addSeparator();
    menu->addAction(tr("Select all"), QKeySequence::SelectAll, this, &PianoRoll::selectAll)
        ->setEnabled(noteCount() > 0);
    menu->addAction(tr("Select none"), QKeySequence(Qt::Key_Escape), this,
                    [this] { selectNote(-1); })
        ->setEnabled(any);
    menu->addSeparator();
    menu->addAction(tr("Zoom in"), QKeySequence::ZoomIn, this, &PianoRoll::zoomIn);
    menu->addAction(tr("Zoom out"), QKeySequence::ZoomOut, this, &PianoRoll::zoomOut);
    if (!actions().isEmpty()) { // composing: regenerate, lock... (see ComposePanel)
        menu->addSeparator();
        menu->addActions(actions());
    }
    return menu;
}

QMimeData* PianoRoll::makeDragMimeData(QString* error) {
    const auto* t = take();
    if (!t) {
        *error = tr("Generate a take first.");
        return nullptr;
    }
    if (!dragDir_.isValid()) {
        *error = tr("Cannot create a temporary folder for the dragged file.");
        return nullptr;
    }
    QString name = QString::fromStdString(t->name).replace(QRegularExpression("[^A-Za-z0-9 _-]"), "");
    if (name.trimmed().isEmpty())
        name = "take";
    const QString path = dragDir_.filePath(name.trimmed() + ".mid");
    try {
        midi::write(midi::fromSong(document_->song(document_->currentTake(), false)),
                    path.toStdString()); // the take as played, as the mixer has it
    } catch (const Error& e) {
        *error = QString::fromStdString(e.what());
        return nullptr;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read back the dragged file").arg(path);
        return nullptr;
    }
    auto* mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    mime->setData("audio/midi", f.readAll());
    return mime;
}

} // namespace jazz::ui
