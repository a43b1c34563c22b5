package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast.*;

import java.util.List;

/** A code after layering: each property from the latest layer that set it. */
public final class CodeMerge {
    private CodeMerge() {
    }

    /**
     * @param standalone the code is written {@code initial}: billed on its own, not an add-on (whether
     *                   it is an initial IV service follows from its method and role, see
     *                   {@code Code.initialIvService})
     */
    public record Merged(CodeDef latest, Text title, boolean standalone, AddOnProp addOn, Name family, Name method,
                         Name role, Name unit, Name only, Text description) {
    }

    public static Merged merge(List<Fact> history) {
        CodeDef latest = null;
        Text title = null, description = null;
        boolean standalone = false;
        AddOnProp addOn = null;
        Name family = null, method = null, role = null, unit = null, only = null;
        for (Fact f : history) {
            CodeDef d = (CodeDef) f.definition();
            latest = d;
            if (d.title() != null) title = d.title();
            for (CodeProp p : d.props()) {
                // saying one kind replaces the other: an override may turn an add-on into a standalone code
                if (p instanceof InitialProp) {
                    standalone = true;
                    addOn = null;
                } else if (p instanceof AddOnProp a) {
                    addOn = a;
                    standalone = false;
                } else if (p instanceof FamilyProp x) family = x.family();
                else if (p instanceof MethodProp x) method = x.method();
                else if (p instanceof RoleProp x) role = x.role();
                else if (p instanceof UnitProp x) unit = x.unit();
                else if (p instanceof OnlyProp x) only = x.setting();
                else if (p instanceof DescriptionProp x) description = x.text();
            }
        }
        return new Merged(latest, title, standalone, addOn, family, method, role, unit, only, description);
    }
}
