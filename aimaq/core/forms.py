"""The project's form renderer: every `{{ form }}` and `{{ form.field.as_field_group }}` is
drawn by core's templates (forms/div.html, forms/field.html) with a label, a required mark,
the help text and the errors, each tied to the input by `aria-describedby` and
`aria-invalid` (Django sets those attributes; the templates give the ids they point at)."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's templates-setting renderer (our templates first) with core's form and field
    templates as the defaults."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
