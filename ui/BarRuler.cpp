#include "BarRuler.h"

#include "PianoRoll.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <cmath>

namespace jazz::ui {

namespace {

// A small padlock: a shackle over a body, filling about `r`.
void drawPadlock(QPainter& p, const QRectF& r) {
    const double w = std::min(r.width(), r.height()) * 0.7;
    const QRectF body(r.center().x() - w / 2, r.center().y() - w * 0.05, w, w * 0.55);
    QPainterPath shackle;
    shackle.addRoundedRect(QRectF(body.left() + w * 0.18, body.top() - w * 0.45, w * 0.64, w * 0.8),
                           w * 0.3, w * 0.3);
    p.setPen(QPen(QColor(255, 214, 120), 1.3));
    p.setBrush(Qt::NoBrush);
    p.drawPath(shackle);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 214, 120));
    p.drawRect(body);
}

QColor originColor(generate::BarOrigin o) {
    switch (o) {
    case generate::BarOrigin::Edited:
        return QColor(240, 170, 40);
    case generate::BarOrigin::Recorded:
        return QColor(230, 80, 70);
    case generate::BarOrigin::Primed:
        return QColor(90, 200, 110);
    default:
        return QColor();
    }
}

} // namespace

BarRuler::BarRuler(PianoRoll* roll, StudioDocument* document)
    : QWidget(roll->viewport()), roll_(roll), document_(document) {
    setObjectName("barRuler");
    setAccessibleName(tr("Bar ruler"));
    setToolTip(tr("Drag across bars to select them; right-click to regenerate or lock them; "
                  "double-click a bar to lock or unlock it"));
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setCursor(Qt::PointingHandCursor);
    connect(document_, &StudioDocument::currentTakeChanged, this, [this] { select({}); });
    auto clamp = [this] {
        if (selection_ && selection_->first >= barCount())
            select({});
        else if (selection_)
            setSelection(selection_->first, selection_->second);
        update();
    };
    connect(document_, &StudioDocument::takeEdited, this, clamp);
    connect(document_, &StudioDocument::takesChanged, this, clamp);
    setGeometry(0, 0, roll->viewport()->width(), PianoRoll::kRulerHeight);
    roll->viewport()->installEventFilter(this);
}

bool BarRuler::eventFilter(QObject* watched, QEvent* e) {
    if (watched == roll_->viewport() && e->type() == QEvent::Resize)
        setGeometry(0, 0, roll_->viewport()->width(), PianoRoll::kRulerHeight);
    return QWidget::eventFilter(watched, e);
}

const generate::Solo* BarRuler::solo() const {
    const int t = document_->currentTake();
    return t >= 0 ? &document_->take(t).arrangement.solo : nullptr;
}

int BarRuler::barCount() const {
    const auto* s = solo();
    return s ? int(s->progression.bars.size()) : 0;
}

void BarRuler::select(std::optional<std::pair<int, int>> s) {
    if (s == selection_)
        return;
    selection_ = s;
    update();
    roll_->viewport()->update(); // the grid shades the selection
    Q_EMIT selectionChanged();
}

void BarRuler::setSelection(int first, int last) {
    const int n = barCount();
    if (n == 0) {
        select({});
        return;
    }
    if (first > last)
        std::swap(first, last);
    select(std::pair{std::clamp(first, 0, n - 1), std::clamp(last, 0, n - 1)});
}

void BarRuler::clearSelection() {
    select({});
}

int BarRuler::barAt(double x) const {
    const auto* s = solo();
    if (!s || x < PianoRoll::kKeyboardWidth)
        return -1;
    const double beat = (x - PianoRoll::kKeyboardWidth + roll_->horizontalScrollBar()->value()) /
                        roll_->pixelsPerBeat();
    const int bar = int(std::floor(beat / s->progression.beatsPerBar));
    return bar >= 0 && bar < barCount() ? bar : -1;
}

QRectF BarRuler::barRect(int bar) const {
    const auto* s = solo();
    if (!s)
        return {};
    const double w = s->progression.beatsPerBar * roll_->pixelsPerBeat();
    return QRectF(PianoRoll::kKeyboardWidth + bar * w - roll_->horizontalScrollBar()->value(), 0, w,
                  height());
}

void BarRuler::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(60, 64, 72));
    const auto* s = solo();
    if (s) {
        const int bars = barCount();
        QFont small = font();
        small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.8));
        p.setFont(small);
        // Number every bar when there is room, else every 2nd, 4th... bar.
        const double barWidth = s->progression.beatsPerBar * roll_->pixelsPerBeat();
        const int labelWidth = QFontMetrics(small).horizontalAdvance(QString::number(bars)) + 6;
        int every = 1;
        while (every * barWidth < labelWidth)
            every *= 2;
        for (int b = 0; b < bars; ++b) {
            const QRectF r = barRect(b);
            if (r.right() < PianoRoll::kKeyboardWidth || r.left() > width())
                continue;
            const bool selected = selection_ && b >= selection_->first && b <= selection_->second;
            const auto& record = b < int(s->bars.size()) ? s->bars[size_t(b)] : generate::TakeBar{};
            if (selected)
                p.fillRect(r.adjusted(0.5, 0, -0.5, 0), palette().color(QPalette::Highlight));
            else if (record.locked)
                p.fillRect(r.adjusted(0.5, 0, -0.5, 0), QColor(95, 88, 70));
            if (const QColor c = originColor(record.origin); c.isValid())
                p.fillRect(QRectF(r.left() + 1, r.bottom() - 2, r.width() - 2, 2), c);
            if (record.locked && r.width() >= 2 * height())
                drawPadlock(p, QRectF(r.right() - height(), 0, height(), height()));
            else if (record.locked)
                drawPadlock(p, r);
            p.setPen(selected ? palette().color(QPalette::HighlightedText) : QColor(190, 195, 205));
            if (b % every == 0 && r.left() > PianoRoll::kKeyboardWidth - 2)
                p.drawText(QRectF(r.left() + 3, 0, labelWidth, height()),
                           Qt::AlignLeft | Qt::AlignVCenter, QString::number(b + 1));
            p.setPen(QColor(110, 115, 125));
            p.drawLine(r.topLeft(), r.bottomLeft());
        }
    }
    if (roll_->playhead() >= 0) {
        const double x = PianoRoll::kKeyboardWidth + roll_->playhead() * roll_->pixelsPerBeat() -
                         roll_->horizontalScrollBar()->value();
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
    p.fillRect(QRect(0, 0, PianoRoll::kKeyboardWidth, height()), QColor(60, 64, 72));
}

void BarRuler::mousePressEvent(QMouseEvent* e) {
    const int bar = barAt(e->position().x());
    if (e->button() == Qt::RightButton) {
        // The menu acts on what was clicked.
        if (bar >= 0 && !(selection_ && bar >= selection_->first && bar <= selection_->second))
            setSelection(bar, bar);
        return;
    }
    if (e->button() != Qt::LeftButton)
        return;
    if (bar < 0) {
        anchor_ = -1;
        clearSelection();
        return;
    }
    // Shift extends the selection from its first bar.
    anchor_ = (e->modifiers() & Qt::ShiftModifier) && selection_ ? selection_->first : bar;
    setSelection(anchor_, bar);
}

void BarRuler::mouseMoveEvent(QMouseEvent* e) {
    if (anchor_ < 0 || !(e->buttons() & Qt::LeftButton))
        return;
    // Past either end the drag keeps to the last bar there.
    int bar = barAt(e->position().x());
    if (bar < 0)
        bar = e->position().x() < PianoRoll::kKeyboardWidth ? 0 : barCount() - 1;
    setSelection(anchor_, bar);
}

void BarRuler::mouseReleaseEvent(QMouseEvent*) {
    anchor_ = -1;
}

void BarRuler::mouseDoubleClickEvent(QMouseEvent* e) {
    const int bar = barAt(e->position().x());
    if (e->button() != Qt::LeftButton || bar < 0)
        return;
    setSelection(bar, bar);
    Q_EMIT lockToggleRequested(bar);
}

} // namespace jazz::ui
