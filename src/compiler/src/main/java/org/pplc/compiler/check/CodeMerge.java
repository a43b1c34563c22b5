package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast.*;

import java.util.List;

/** A code after layering: each property from the latest layer that set it. */
public final class CodeMerge {
    private CodeMerge() {
    }

    public record Merged(CodeDef latest, Text title, boolean initial, AddOnProp addOn, Name family, Name method,
                         Name role, Name unit, Name only, Text description) {
    }

    public static Merged merge(List<Fact> history) {
        CodeDef latest = null;
        Text title = null, description = null;
        boolean initial = false;
        AddOnProp addOn = null;
        Name family = null, method = null, role = null, unit = null, only = null;
        for (Fact f : history) {
            CodeDef d = (CodeDef) f.definition();
            latest = d;
            if (d.title() != null) title = d.title();
            for (CodeProp p : d.props()) {
                // saying one kind replaces the other: an override may turn an add-on into an initial code
                if (p instanceof InitialProp) {
                    initial = true;
                    addOn = null;
                } else if (p instanceof AddOnProp a) {
                    addOn = a;
                    initial = false;
                } else if (p instanceof FamilyProp x) family = x.family();
                else if (p instanceof MethodProp x) method = x.method();
                else if (p instanceof RoleProp x) role = x.role();
                else if (p instanceof UnitProp x) unit = x.unit();
                else if (p instanceof OnlyProp x) only = x.setting();
                else if (p instanceof DescriptionProp x) description = x.text();
            }
        }
        return new Merged(latest, title, initial, addOn, family, method, role, unit, only, description);
    }
}
