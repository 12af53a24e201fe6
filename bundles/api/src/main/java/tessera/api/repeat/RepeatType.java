package tessera.api.repeat;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import tessera.api.InvalidValueException;

/** How neighbouring tiles are placed; names as the trade uses them. */
public enum RepeatType {
    /** Full drop (block, straight repeat): tiles on a plain grid. */
    BLOCK("block"),
    /** Each column drops by half a tile height. */
    HALF_DROP("half-drop"),
    /** Each row shifts by half a tile width (brick). */
    HALF_BRICK("half-brick"),
    /** Each column drops by an arbitrary fraction of the tile height. */
    DROP("drop"),
    /** Each row shifts by an arbitrary fraction of the tile width. */
    BRICK("brick"),
    /** Tiles alternate with their mirror images across both axes. */
    MIRROR("mirror");

    private final String id;

    RepeatType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Accepts the id and the common synonyms ("full-drop", "straight", "brick" …), case-insensitive. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RepeatType of(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace(' ', '-');
        switch (t) {
            case "full-drop", "straight", "block", "grid", "square" -> {
                return BLOCK;
            }
            case "half-drop", "halfdrop" -> {
                return HALF_DROP;
            }
            case "half-brick", "halfbrick" -> {
                return HALF_BRICK;
            }
            case "mirror", "mirrored", "reflect" -> {
                return MIRROR;
            }
            default -> {
                for (RepeatType r : values()) {
                    if (r.id.equals(t)) {
                        return r;
                    }
                }
                throw new InvalidValueException("repeat", "'" + text + "' is not a repeat type; use one of "
                        + Arrays.stream(values()).map(RepeatType::id).collect(Collectors.joining(", ")));
            }
        }
    }
}
